Feature: Nothing a visitor asked is lost to a crash
  Pasokh stores a visitor's message and acknowledges it at once, then works out the
  answer. If the server stops in between, the question is not forgotten: a minute later
  the server that came back (or any other one) sees that it was never answered and
  answers it, once. The same goes for a conversation handed to a person, which must reach
  the agents' queue.

  Background:
    Given the FAQ catalog holds:
      | faq        | question                      | answer                                                 | keywords          |
      | booking-en | How do I book an appointment? | Use the booking page on our website or call reception. | book, appointment |
    And a visitor has opened a conversation

  Scenario: A question stored just before a crash is still answered after restart
    Given the server stopped right after storing "how can I book an appointment?"
    When the server has been back for a minute
    Then the visitor sees the conversation:
      | message | from    | text                                                   |
      | 1       | visitor | how can I book an appointment?                         |
      | 2       | bot     | Use the booking page on our website or call reception. |

  Scenario: A complaint stored just before a crash still reaches a person
    Given the server stopped right after storing "شکایت دارم"
    When the server has been back for a minute
    Then the conversation waits in the queue at position 1 because of "keyword:شکایت"

  Scenario: A conversation handed to a person just before a crash still reaches the queue
    Given the server stopped right after handing the conversation to a person
    When the server has been back for a minute
    Then the conversation waits in the queue at position 1 because of "visitor_request"

  Scenario: A question answered before the crash is not answered again
    Given the visitor has written "how can I book an appointment?"
    When the server has been back for a minute
    Then the visitor sees the conversation:
      | message | from    | text                                                   |
      | 1       | visitor | how can I book an appointment?                         |
      | 2       | bot     | Use the booking page on our website or call reception. |
