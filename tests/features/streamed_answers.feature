Feature: Visitors see the assistant's answer while it is written
  Real models take seconds per answer. The visitor sees the answer grow as the assistant
  writes it, and keeps the answer as it was stored. An answer the assistant turns out to
  doubt is not kept: the conversation goes to a person instead.

  Background:
    Given a visitor has opened a conversation

  Scenario: A confident answer is seen growing, then kept as written
    Given the assistant will answer "We take bookings by phone and online, every day." with confidence 0.9
    When the visitor writes "Can I book by phone?"
    Then the visitor saw the answer "We take bookings by phone and online, every day." written in pieces
    And the assistant's answer "We take bookings by phone and online, every day." is kept

  Scenario: An answer the assistant doubts is taken back and a person is promised
    Given the assistant will answer "Perhaps the cat may come, I am not sure." with confidence 0.2
    When the visitor writes "Can my cat come along?"
    Then the visitor saw the answer "Perhaps the cat may come, I am not sure." written in pieces
    But no answer of the assistant is kept
    And the visitor is told in English that a person will reply
