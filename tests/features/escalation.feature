Feature: Sensitive conversations go to a person
  Complaints, payments and cancellations need a person, and so does any visitor who
  asks for one. Such a conversation waits in the queue for an agent, the visitor is
  told so, and from then on the bot says nothing.

  Background:
    Given the FAQ catalog holds:
      | faq        | question                      | answer                                                 | keywords          |
      | booking-fa | چطور نوبت بگیرم؟              | از صفحهٔ نوبت‌دهی سایت یا با تماس با پذیرش نوبت بگیرید.  | نوبت              |
      | booking-en | How do I book an appointment? | Use the booking page on our website or call reception. | book, appointment |
    And a visitor has opened a conversation

  Scenario: A message about a payment problem goes to the queue and the bot stays silent
    When the visitor writes "مشکل با پرداخت دارم"
    Then the conversation waits in the queue at position 1 because of "keyword:پرداخت"
    And the visitor is told in Persian that a person will reply
    And the queue shows the visitor's last message "مشکل با پرداخت دارم"
    When the visitor writes "چطور نوبت بگیرم؟"
    Then the bot stays silent
    And the conversation is waiting in the queue

  Scenario: A visitor with a payment problem is queued, and an agent joins and answers
    When the visitor writes "مشکل با پرداخت دارم"
    Then the conversation waits in the queue at position 1 because of "keyword:پرداخت"
    When agent "sara" joins the conversation
    And agent "sara" writes "سلام، سارا هستم. شماره پیگیری پرداخت را بفرمایید."
    Then the queue is empty
    And the conversation ends with:
      | from       | text                                             |
      | visitor    | مشکل با پرداخت دارم                               |
      | Pasokh     | گفتگوی شما به کارشناسان پشتیبانی سپرده شد. لطفاً همین‌جا بمانید؛ به‌زودی یکی از همکاران ما پاسخ می‌دهد. |
      | Pasokh     | sara به گفتگو پیوست.                               |
      | agent sara | سلام، سارا هستم. شماره پیگیری پرداخت را بفرمایید. |

  Scenario Outline: A visitor who asks for a human is queued at their request
    When the visitor writes "<request>"
    Then the conversation waits in the queue at position 1 because of "visitor_request"
    And the visitor is told in <language> that a person will reply
    When the visitor writes "How do I book an appointment?"
    Then the bot stays silent

    Examples:
      | request                              | language |
      | Can I talk to a human please?        | English  |
      | می‌خواهم با کارشناس صحبت کنم           | Persian  |

  Scenario: Visitors wait in the order they asked for a person
    When the visitor writes "I have a complaint about my bill, I need a human"
    And another visitor writes "شکایت دارم"
    And a third visitor writes "می‌خواهم نوبتم را لغو کنم"
    Then the conversation waits in the queue at position 1 because of "visitor_request"
    And the other conversation waits in the queue at position 2 because of "keyword:شکایت"
    And the third conversation waits in the queue at position 3 because of "keyword:لغو"
    When agent "sara" joins the conversation
    Then the other conversation waits in the queue at position 1 because of "keyword:شکایت"
    And the third conversation waits in the queue at position 2 because of "keyword:لغو"
