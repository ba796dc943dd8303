Feature: The conversation survives a reload or a lost connection
  The visitor's page can be reloaded or lose its connection at any moment. The
  conversation is kept on the server, numbered message by message, so the page
  can show it all again or fetch only what it missed.

  Background:
    Given the FAQ catalog holds:
      | faq        | question                      | answer                                                 | keywords           |
      | booking-en | How do I book an appointment? | Use the booking page on our website or call reception. | book, appointment  |
      | parking-en | Is there parking nearby?      | Yes, the clinic has free parking behind the building.  | parking            |
    And a visitor has opened a conversation
    And the visitor has written "how can I book an appointment?"
    And the visitor has written "Is there parking?"

  Scenario: A visitor who reloads the page sees the whole conversation again
    When the visitor reloads the page
    Then the visitor sees again every message shown before, in the same order
    And the messages are numbered 1 to 4 without gaps
    And the visitor sees the conversation:
      | message | from    | text                                                   |
      | 1       | visitor | how can I book an appointment?                         |
      | 2       | bot     | Use the booking page on our website or call reception. |
      | 3       | visitor | Is there parking?                                      |
      | 4       | bot     | Yes, the clinic has free parking behind the building.  |

  Scenario: A visitor who reconnects gets only what was missed
    Given the visitor's connection dropped after message 2
    When the visitor reconnects
    Then the visitor receives only these messages:
      | message | from    | text                                                  |
      | 3       | visitor | Is there parking?                                     |
      | 4       | bot     | Yes, the clinic has free parking behind the building. |

  Scenario: A visitor who reconnects having missed nothing gets nothing again
    Given the visitor's connection dropped after message 4
    When the visitor reconnects
    Then the visitor receives no message
