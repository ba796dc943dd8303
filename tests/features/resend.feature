Feature: A message sent twice is stored once
  On a shaky connection the visitor's page sends a message again when it saw no
  acknowledgement. Each message carries the page's own client id, so a resend is
  recognised and the conversation holds the message, and its answer, only once.

  Background:
    Given the FAQ catalog holds:
      | faq        | question                      | answer                                                 | keywords          |
      | booking-en | How do I book an appointment? | Use the booking page on our website or call reception. | book, appointment |
    And a visitor has opened a conversation

  Scenario: A message resent with the same client id is stored once
    When the visitor sends "how can I book an appointment?" with client id "c-1"
    And the page resends "how can I book an appointment?" with client id "c-1"
    Then both sendings are acknowledged as the same message
    And the visitor sees the conversation:
      | message | from    | text                                                   |
      | 1       | visitor | how can I book an appointment?                         |
      | 2       | bot     | Use the booking page on our website or call reception. |

  Scenario: Two copies that arrive at the same moment are stored once
    When two copies of "how can I book an appointment?" with client id "c-1" arrive at the same moment
    Then both sendings are acknowledged as the same message
    And the conversation holds 2 messages

  Scenario: Different client ids are different messages
    When the visitor sends "how can I book an appointment?" with client id "c-1"
    And the visitor sends "how can I book an appointment?" with client id "c-2"
    Then the conversation holds 4 messages
