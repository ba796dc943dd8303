// The words of the agent's own availability and of the team's presence, merged into the dashboard's strings.
export const AVAILABILITY_STRINGS = {
  en: {
    availabilityLabel: "My availability", availOnline: "Available", availAway: "Away",
    nowOnline: "You are available: conversations can come to you.",
    nowAway: "You are away: no conversation will be given to you.",
    assignedChat: "A conversation was given to you.", autoAssign: "Conversations are handed out automatically.",
    presence_online: "Online", presence_away: "Away", presence_offline: "Offline",
  },
  fa: {
    availabilityLabel: "وضعیت من", availOnline: "در دسترس", availAway: "دور از میز",
    nowOnline: "در دسترس هستید: گفتگوها می‌توانند به شما برسند.",
    nowAway: "دور از میز هستید: گفتگویی به شما سپرده نمی‌شود.",
    assignedChat: "گفتگویی به شما سپرده شد.", autoAssign: "گفتگوها خودکار میان همکاران پخش می‌شوند.",
    presence_online: "در دسترس", presence_away: "دور از میز", presence_offline: "آفلاین",
  },
};
