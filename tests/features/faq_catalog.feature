Feature: The site owner keeps the FAQ catalog
  The site owner decides which questions the bot answers by itself: they add,
  correct, switch off and remove FAQs. Visitors see the active FAQs, the most
  important first, and the bot answers only from those.

  Background:
    Given the FAQ catalog holds:
      | faq        | question                      | answer                                                 | keywords          | priority |
      | booking-en | How do I book an appointment? | Use the booking page on our website or call reception. | book, appointment | 5        |
      | parking-en | Is there parking nearby?      | Yes, there is free parking behind the building.        | parking           | 1        |

  Scenario: A site owner adds an FAQ
    When the site owner adds the FAQ "vaccines-en" asking "Do you offer vaccinations?" with the answer "Yes, every weekday morning." and priority 9
    Then visitors see the FAQs "vaccines-en, booking-en, parking-en" in this order
    And a visitor who asks "do you offer flu vaccinations?" gets the answer "Yes, every weekday morning."

  Scenario: A site owner corrects an answer
    When the site owner changes the answer of "parking-en" to "Parking is free for patients, behind the building."
    Then a visitor who asks "Is there parking?" gets the answer "Parking is free for patients, behind the building."

  Scenario: A deactivated FAQ no longer answers
    When the site owner deactivates the FAQ "booking-en"
    Then visitors see the FAQs "parking-en" in this order
    And the site owner still sees "booking-en" as inactive
    And a visitor who asks "How do I book an appointment?" gets no answer from the FAQ

  Scenario: A removed FAQ is gone
    When the site owner removes the FAQ "parking-en"
    Then visitors see the FAQs "booking-en" in this order
    And the site owner no longer sees "parking-en"
    And a visitor who asks "Is there parking nearby?" gets no answer from the FAQ

  Scenario Outline: An FAQ that is not valid is refused and names the wrong field
    When the site owner tries to add an FAQ asking "<question>" with the answer "<answer>"
    Then it is refused because the FAQ is not valid
    And the refusal names the field "<field>"
    And visitors see the FAQs "booking-en, parking-en" in this order

    Examples:
      | question              | answer                | field    |
      |                       | We open at eight.     | question |
      | When do you open?     |                       | answer   |
      |                       |                       | question |
