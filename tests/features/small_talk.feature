Feature: Small talk
  Visitors greet the bot, thank it and say goodbye. That is not a question for the FAQ or
  the assistant: the bot greets back, says "you're welcome" and goodbye, in the visitor's
  language, at once. A greeting with a question in it is a question.

  Background:
    Given the FAQ catalog holds:
      | faq      | question                      | answer                                    | keywords             |
      | hours-en | What are your opening hours?  | We are open every day from 8:00 to 20:00. | opening hours, open  |
      | hours-fa | ساعت کاری کلینیک چیست؟        | همه روزه از ساعت ۸ تا ۲۰ پذیرای شما هستیم.  | ساعت کاری            |
    And a visitor has opened a conversation

  Scenario Outline: The bot answers small talk in kind
    When the visitor writes "<message>"
    Then the bot replies in <language> with its <kind> reply
    And the conversation is with the bot

    Examples:
      | message                 | language | kind            |
      | سلام                    | Persian  | greeting        |
      | سلام، وقتتون بخیر        | Persian  | greeting        |
      | Hello there!            | English  | greeting        |
      | خیلی ممنون، لطف کردید    | Persian  | thanks          |
      | Thank you very much     | English  | thanks          |
      | ممنون، خداحافظ           | Persian  | goodbye         |
      | thanks, bye             | English  | goodbye         |
      | باشه                    | Persian  | acknowledgement |

  Scenario Outline: A greeting with a question gets the question's answer
    When the visitor writes "<message>"
    Then the bot answers at once with the FAQ "<faq>"

    Examples:
      | message                                  | faq      |
      | Hi, what are your opening hours?         | hours-en |
      | سلام، ساعت کاری کلینیک چیست؟              | hours-fa |

  Scenario: Thanks to an agent get no reply from the bot
    Given agent "sara" has joined the conversation
    When the visitor writes "ممنون"
    Then the bot stays silent
