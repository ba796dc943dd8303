// The team page's words (admins only), merged into the dashboard's strings.
export const TEAM_STRINGS = {
  en: {
    tabTeam: "Team", teamTitle: "Team", teamNew: "Add a person", teamAdd: "Add",
    aUsername: "Username (to sign in)", aDisplayName: "Name shown to visitors", aPassword: "Password (12 characters or more)",
    aRole: "Role", roleAdmin: "Admin", roleAgent: "Agent", aStatus: "Status", aName: "Name",
    offline: "Offline", disabledChip: "Disabled",
    disable: "Disable", enable: "Enable", makeAdmin: "Make admin", makeAgent: "Make agent",
    teamAdded: "{0} was added to the team.", teamDisabled: "{0} was disabled and signed out.",
    teamEnabled: "{0} can sign in again.", teamRoleChanged: "{0} is now: {1}.",
    teamExists: "That username is taken.", disableNamed: "Disable {0}", enableNamed: "Enable {0}",
  },
  fa: {
    tabTeam: "تیم", teamTitle: "تیم", teamNew: "افزودن همکار", teamAdd: "افزودن",
    aUsername: "نام کاربری (برای ورود)", aDisplayName: "نامی که بازدیدکننده می‌بیند", aPassword: "گذرواژه (دست‌کم ۱۲ نویسه)",
    aRole: "نقش", roleAdmin: "مدیر", roleAgent: "پشتیبان", aStatus: "وضعیت", aName: "نام",
    offline: "آفلاین", disabledChip: "غیرفعال",
    disable: "غیرفعال کردن", enable: "فعال کردن", makeAdmin: "مدیر شود", makeAgent: "پشتیبان شود",
    teamAdded: "{0} به تیم افزوده شد.", teamDisabled: "حساب {0} غیرفعال شد و از میز خارج شد.",
    teamEnabled: "{0} دوباره می‌تواند وارد شود.", teamRoleChanged: "نقش {0} اکنون: {1}.",
    teamExists: "این نام کاربری گرفته شده است.", disableNamed: "غیرفعال کردن {0}", enableNamed: "فعال کردن {0}",
  },
};
