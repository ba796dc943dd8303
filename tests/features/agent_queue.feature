Feature: Waiting visitors see their place, and agents take conversations fairly
  A visitor who waits for a person sees their place in the queue and, once agents
  have taken earlier visitors, about how long it will take. Each conversation goes
  to one agent only, and each agent takes only as many as they can handle. The agent
  who takes a conversation sees all of it and why it came to a person, so the visitor
  never has to repeat the problem.

  Scenario: Waiting visitors see their place and the wait go down
    Given three visitors have asked for a person, one after the other
    Then the visitors are told their places 1, 2 and 3, with no estimate of the wait yet
    When agent "sara" takes the first visitor after 2 minutes
    Then the second visitor is told place 1 and a wait of about 2 minutes
    And the third visitor is told place 2 and a wait of about 4 minutes

  Scenario: Two agents take the same conversation at the same moment
    Given three visitors have asked for a person, one after the other
    When agents "sara" and "reza" take the first visitor at the same moment
    Then only one of them has the conversation, and the other is told it is already taken
    And the conversation records a single agent joining

  Scenario Outline: The agent sees the whole conversation and why it came to a person
    Given a visitor has opened a conversation
    And the visitor has written "<message>"
    When agent "sara" takes the conversation
    Then sara sees the conversation from the visitor's first message
    And sara sees it came to a person because "<reason>"

    Examples:
      | message                          | reason          |
      | پرداختم انجام نشد                 | keyword:پرداخت  |
      | یه مشكلی پیش اومده               | keyword:مشکل    |
      | Can I talk to a human, please?   | visitor_request |
      | وصلم کنید به اپراتور             | visitor_request |

  Scenario: An agent takes at most as many conversations as allowed
    Given agent "sara" has taken 5 conversations
    And another visitor has asked for a person
    When agent "sara" tries to take that visitor
    Then sara is told she already has as many conversations as allowed
    When agent "sara" closes one of her conversations
    And agent "sara" takes that visitor
    Then agent "sara" has 5 conversations

  Scenario: A flood of conversations from one network waits behind real visitors
    Given one network may send 3 conversations an hour to a person
    And 8 conversations from the same network have asked for a person
    When a visitor from another network asks for a person
    Then that visitor is told place 4
    And agents see the 5 conversations over the network's limit last, marked as a flood
