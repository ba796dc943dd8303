Feature: Visitors say whether an answer helped
  Under each of the bot's answers the visitor can say whether it helped. Changing one's
  mind is fine: the latest word counts. Agents see it on the message, so they know which
  answers let visitors down.

  Background:
    Given the FAQ catalog holds:
      | faq        | question                      | answer                                                 | keywords          |
      | booking-fa | چطور نوبت بگیرم؟              | از صفحهٔ نوبت‌دهی سایت یا با تماس با پذیرش نوبت بگیرید.  | نوبت              |
      | booking-en | How do I book an appointment? | Use the booking page on our website or call reception. | book, appointment |
    And a visitor has opened a conversation

  Scenario: A visitor says an answer did not help, then changes their mind
    Given the visitor has written "چطور نوبت بگیرم؟"
    When the visitor says the bot's answer did not help
    Then the bot's answer is marked as not helpful
    When the visitor says the bot's answer helped
    Then the bot's answer is marked as helpful

  Scenario: An answer the visitor has not judged is marked neither way
    When the visitor writes "How do I book an appointment?"
    Then the bot's answer is not marked

  Scenario: Only the bot's answers take feedback
    Given the visitor has written "How do I book an appointment?"
    When the visitor tries to say their own message did not help
    Then it is refused because only the bot's answers take feedback
