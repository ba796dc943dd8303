Feature: Visitors get their conversation by email, and the team hears of contacts left offline
  A visitor who left an email can have the conversation mailed to it. When email is set up,
  the team's address gets one email for each contact a visitor left while nobody could
  answer. An email is sent once the conversation has recorded that it is owed, and recorded
  as sent when the mail server has taken it.

  Background:
    Given the team works "sat-wed 09:00-17:00" in Tehran
    And it is Friday 10:30 in Tehran
    And email is sent, and the team hears of contacts at "team@clinic.example"
    And a visitor has opened a conversation
    And the visitor has written "ساعت کاری شما چیست؟"

  Scenario: A visitor who left an email gets the conversation in Persian
    Given the visitor has left the email "sara@example.com"
    When the visitor asks for the conversation by email in Persian
    Then "sara@example.com" receives an email titled "متن گفتگوی شما با ما" holding "ساعت کاری شما چیست؟"
    And the email to "sara@example.com" is recorded as sent

  Scenario: A visitor who left no email is told to leave one first
    When the visitor tries to ask for the conversation by email
    Then it is refused because there is no email to send to
    And nobody receives an email

  Scenario: The team hears once of a contact left while offline
    When the visitor leaves the name "سارا" and the phone "۰۹۱۲ ۳۴۵ ۶۷۸۹"
    And the visitor leaves the name "سارا" and the phone "۰۹۱۲ ۳۴۵ ۶۷۸۹"
    Then "team@clinic.example" receives an email titled "New contact: سارا" holding "09123456789"
    And nobody else receives an email
