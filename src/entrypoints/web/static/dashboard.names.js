// Agents as the team knows them: by display name, never by username (issue 14). Learnt from
// the team's list (admins) or the colleagues' list (agents) when the desk opens, and again
// when an agent the desk does not know yet appears.
export const names = new Map();  // username -> display name

export function learn(team) {
  for (const person of team) names.set(person.username, person.display_name || person.username);
}

/** The agent's display name, or the username while the list is not read yet. */
export function shown(username) {
  return (username && names.get(username)) || username || "";
}
