Feature: Visitors keep their conversation as text
  Any visitor can download their conversation: every message they saw, oldest first, with
  its time and who wrote it, labelled in their language. Agents appear by their names.

  Background:
    Given the FAQ catalog holds:
      | faq        | question         | answer                                                | keywords |
      | booking-fa | چطور نوبت بگیرم؟ | از صفحهٔ نوبت‌دهی سایت یا با تماس با پذیرش نوبت بگیرید. | نوبت     |
    And a visitor has opened a conversation

  Scenario: A Persian visitor downloads a conversation with the bot and an agent
    Given the visitor has written "چطور نوبت بگیرم؟"
    And the visitor has written "I want to talk to a human"
    And agent "sara" has joined the conversation
    And agent "sara" has written "سلام، در خدمتم"
    When the visitor downloads the conversation in Persian
    Then the transcript reads, line by line after its heading:
      | speaker | text                                                   |
      | شما     | چطور نوبت بگیرم؟                                       |
      | دستیار  | از صفحهٔ نوبت‌دهی سایت یا با تماس با پذیرش نوبت بگیرید. |
      | شما     | I want to talk to a human                              |
      | اطلاعیه | *                                                      |
      | اطلاعیه | *                                                      |
      | sara    | سلام، در خدمتم                                         |

  Scenario: A conversation with nothing said yet
    When the visitor downloads the conversation in English
    Then the transcript says there are no messages
