Feature: Agents see where a visitor came from, what they asked before and what they want
  An agent taking a conversation should not have to ask what the visitor was looking at,
  whether they have been here before, or what the problem is. The widget says which page
  the visitor opened it on, where they came from and their language; the browser says what
  it is. The desk shows all of it beside the conversation, with the visitor's earlier
  conversations, and a line saying what the visitor wants at the top of the queue entry.

  Scenario: An agent sees where the visitor came from and what they asked before
    Given a visitor asked the bot "When is the clinic open?" last week
    And the same visitor comes back from a search engine to the prices page, in Persian, on Chrome for Android
    When the visitor writes "مشکل با پرداخت دارم"
    Then the agent opening the conversation sees that the visitor is on the prices page and came from a search engine
    And the agent sees the language "fa-IR" and the browser "Chrome 120 on Android 14"
    And the agent sees one earlier conversation, in which the visitor asked "When is the clinic open?"

  Scenario: A first-time visitor has no earlier conversations
    Given a visitor has opened a conversation
    When the visitor writes "I want to talk to a human"
    Then the agent sees no earlier conversation

  Scenario: The queue says what the visitor wants before anyone joins
    Given a visitor has opened a conversation
    And the visitor has written "my card was charged twice for order 5521"
    When the visitor writes "I want to talk to a human"
    Then the queue shows what the visitor wants: "[visitor_request] my card was charged twice for order 5521 / I want to talk to a human"

  Scenario: The model writes what the visitor wants when it can
    Given the model summarises handoffs as "Charged twice for order 5521; wants a refund."
    And a visitor has opened a conversation
    And the visitor has written "my card was charged twice for order 5521"
    When the visitor writes "I want to talk to a human"
    Then the queue shows what the visitor wants: "Charged twice for order 5521; wants a refund."

  Scenario: When the model fails, the queue still says what the visitor wants
    Given the model that summarises handoffs is out of order
    And a visitor has opened a conversation
    When the visitor writes "I want to talk to a human"
    Then the queue shows what the visitor wants: "[visitor_request] I want to talk to a human"
