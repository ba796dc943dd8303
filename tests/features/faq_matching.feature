Feature: Instant answers from the FAQ
  Visitors of the clinic's website ask the same questions again and again.
  When the FAQ answers a question, the visitor gets that answer at once, however
  their keyboard spells Persian.

  Background:
    Given the FAQ catalog holds:
      | faq            | question                          | answer                                                    | keywords           |
      | booking-en     | How do I book an appointment?     | Use the booking page on our website or call reception.    | book, appointment  |
      | hours-en       | What are your opening hours?      | We are open every day from 8:00 to 20:00.                 | opening hours, open |
      | booking-fa     | چطور نوبت بگیرم؟                  | از صفحهٔ نوبت‌دهی سایت یا با تماس با پذیرش نوبت بگیرید.     | نوبت               |
      | hours-fa       | ساعت کاری کلینیک چیست؟            | همه روزه از ساعت ۸ تا ۲۰ پذیرای شما هستیم.                  | ساعت کاری          |
      | online-fa      | نوبت‌دهی اینترنتی دارید؟             | بله، نوبت‌دهی اینترنتی شبانه‌روزی فعال است.                 | نوبت‌دهی            |
    And a visitor has opened a conversation

  Scenario Outline: A visitor asks a question that is in the FAQ and gets the answer at once
    When the visitor writes "<question>"
    Then the bot answers at once with the FAQ "<faq>"
    And the conversation is with the bot

    Examples:
      | question                        | faq        | spelling                                        |
      | how can I book an appointment?  | booking-en | English                                         |
      | چطور نوبت بگیرم؟                | booking-fa | Persian keyboard                                |
      | نوبت بگيرم                      | booking-fa | Arabic keyboard: Arabic yeh                     |
      | ساعت كاري كلينيك                | hours-fa   | Arabic keyboard: Arabic kaf and yeh             |
      | نوبتدهی اینترنتی دارید          | online-fa  | without the zero-width non-joiner of the FAQ    |
      | می‌خواهم نوبت‌دهی اینترنتی        | online-fa  | with zero-width non-joiners                     |
      | نوبتم رو کجا بگیرم              | booking-fa | colloquial Persian with a suffix                |

  Scenario Outline: A visitor whose question only comes close to an FAQ is offered it, and chooses it
    When the visitor writes "<question>"
    Then the bot offers the FAQs "<offered>" to choose from
    And the conversation is with the bot
    When the visitor chooses the offered FAQ "<faq>"
    Then the bot answers at once with the FAQ "<faq>"

    Examples:
      | question                        | offered              | faq        | why not sure                      |
      | When are you open on Saturday?  | hours-en             | hours-en   | English, only a keyword in common |
      | can I book an apointment online | booking-en           | booking-en | English with a typo               |
      | what time do you open tomorrow  | hours-en             | hours-en   | English, "open" for opening hours |
      | فردا ساعت چند باز میکنین؟        | hours-fa             | hours-fa   | «باز» for opening hours           |
      | چطوری وقت بگیرم؟                | booking-fa           | booking-fa | «وقت» for «نوبت»                  |

  Scenario Outline: A question no FAQ answers gets an honest reply that offers a person
    When the visitor writes "<question>"
    Then the bot says in <language> that it does not know and offers a person
    And the conversation is with the bot
    When the visitor takes up the offer with "<reply>"
    Then the conversation waits in the queue at position 1 because of "visitor_request"

    Examples:
      | question                   | language | reply   |
      | Do you sell gift cards?    | English  | human   |
      | کارت هدیه هم می‌فروشید؟     | Persian  | کارشناس |
