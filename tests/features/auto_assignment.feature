Feature: A conversation goes to the least busy agent
  When the team lets Pasokh hand out conversations, a visitor who asks for a person goes
  at once to an agent who is online and has room for one more: the one with the fewest
  conversations, and between agents as busy as each other, the one who has been idle
  longest. Agents who are away, or whose desk is closed, get none. Nobody waits while an
  agent has room, and those who wait are served first come, first served.

  Background:
    Given conversations are handed out automatically, at most 2 per agent

  Scenario: The agent with the fewest conversations gets the visitor
    Given agents "sara" and "reza" are online
    And agent "reza" already has a conversation
    When a visitor asks for a person
    Then the visitor is with agent "sara"
    And the visitor is told "sara" joined

  Scenario: Between agents as busy as each other, the one idle longest gets the visitor
    Given agents "sara" and "reza" are online
    And agent "sara" finished her last conversation 10 minutes ago
    And agent "reza" finished his last conversation 2 minutes ago
    When a visitor asks for a person
    Then the visitor is with agent "sara"

  Scenario: An agent who is away gets no visitors
    Given agents "sara" and "reza" are online
    And agent "reza" has stepped away
    When 3 visitors ask for a person
    Then agent "sara" has 2 conversations and 1 visitor waits
    And agent "reza" has no conversation

  Scenario: A visitor waits only until an agent has room
    Given agent "sara" is online
    When 3 visitors ask for a person
    Then agent "sara" has 2 conversations and 1 visitor waits
    When agent "sara" closes one of her conversations
    Then the visitor who waited is with agent "sara"
    And nobody waits

  Scenario: Visitors who waited while nobody was on go to the first agent who comes online
    When 3 visitors ask for a person
    Then 3 visitors wait
    When agent "reza" comes online
    Then the first 2 visitors are with agent "reza" and the third waits
