Feature: Visitors rate a conversation with a person
  When an agent has closed a conversation, the visitor may rate it from 1 to 5 stars and
  say a few words. A conversation is rated once, and only after it is over.

  Background:
    Given a visitor has opened a conversation
    And the visitor has written "I want to talk to a human"
    And agent "sara" has joined the conversation

  Scenario: A visitor rates the conversation once it is over
    Given agent "sara" has closed the conversation
    When the visitor rates it 4 stars saying "Sara was quick and kind"
    Then the conversation is rated 4 stars with "Sara was quick and kind"

  Scenario: A conversation is rated once
    Given agent "sara" has closed the conversation
    And the visitor has rated it 2 stars
    When the visitor tries to rate it 5 stars
    Then it is refused because the conversation cannot be rated
    And the conversation is rated 2 stars

  Scenario: A conversation still going on cannot be rated
    When the visitor tries to rate it 5 stars
    Then it is refused because the conversation cannot be rated

  Scenario: Only one to five stars
    Given agent "sara" has closed the conversation
    When the visitor tries to rate it 6 stars
    Then it is refused because the conversation cannot be rated
    And the conversation is not rated
