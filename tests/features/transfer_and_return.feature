Feature: Agents hand conversations to colleagues or back to the queue
  An agent who cannot help a visitor, or who has to leave, hands the conversation to a
  colleague who is at the desk and has room for one more, or puts it back in the queue,
  where it goes first: the visitor has waited once already. The visitor is told in
  their language who took over. A team lead (an admin) may do the same for any
  conversation. Two hand-overs at the same moment never both happen.

  Background:
    Given the team is "sara" (سارا), "omid" (امید) and "reza" (Reza), each taking at most 2 conversations
    And "sara" and "omid" are at the desk
    And a visitor has opened a conversation
    And the visitor has written "مشکل با پرداخت دارم"
    And agent "sara" has joined the conversation

  Scenario: An agent hands a conversation to a colleague
    When agent "sara" hands the conversation to "omid"
    Then the conversation is with an agent
    And "omid" holds the conversation
    And the conversation ends with:
      | from   | text                          |
      | Pasokh | گفتگوی شما به امید سپرده شد. |
    When the visitor writes "سلام؟"
    And agent "omid" writes "سلام، در خدمتم"
    Then the conversation ends with:
      | from       | text           |
      | visitor    | سلام؟          |
      | agent omid | سلام، در خدمتم |

  Scenario: A conversation goes back to the head of the queue
    Given another visitor has asked for a person
    When agent "sara" puts the conversation back in the queue
    Then the conversation is waiting in the queue
    And the conversation waits in the queue at position 1 because of "keyword:پرداخت"
    And the conversation ends with:
      | from   | text                                                                                              |
      | Pasokh | گفتگوی شما دوباره در صف پشتیبانی قرار گرفت، در ابتدای صف. به‌زودی یکی از همکاران ما پاسخ می‌دهد. |
    When agent "omid" joins the conversation
    Then "omid" holds the conversation

  Scenario: A team lead hands on a conversation they do not hold
    When team lead "mina" hands the conversation to "omid"
    Then "omid" holds the conversation

  Scenario Outline: A hand-over the rules do not allow
    Given agent "omid" has taken 2 other conversations
    When agent "<who>" tries to hand the conversation to "<whom>"
    Then it is refused because <rule>
    And "sara" holds the conversation

    Examples:
      | who  | whom   | rule                                           |
      | reza | omid   | only the agent who joined may write            |
      | sara | reza   | the colleague is not at the desk               |
      | sara | omid   | the colleague has as many conversations as allowed |
      | sara | nobody | there is no such colleague                     |

  Scenario: A closed conversation is handed to nobody
    Given agent "sara" has closed the conversation
    When agent "sara" tries to hand the conversation to "omid"
    Then it is refused because the conversation is closed

  Scenario: Two hand-overs at the same moment
    When agent "sara" hands the conversation to "omid" and, at the same moment, back to the queue
    Then only one of them happens, and the other is refused
