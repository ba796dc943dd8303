// Words of the visitor's context beside a conversation, and of the handoff summary.
export const CONTEXT_STRINGS = {
  en: {
    contextTitle: "About the visitor", ctxPage: "Page", ctxReferrer: "Came from", ctxLocale: "Language",
    ctxBrowser: "Browser and system", ctxUnknown: "not known", ctxDirect: "opened directly",
    ctxEarlier: "Earlier conversations", ctxNoEarlier: "This is their first conversation.",
    ctxLoading: "Loading…", ctxFailed: "Could not load the visitor's details.",
    ctxPast: "Conversation {0} · {1} · {2}", ctxHide: "Back to the visitor",
    ctxPastTitle: "Earlier conversation {0}", ctxPastEmpty: "No messages in this conversation.",
    summaryLabel: "What they want", summaryHint: "Handoff summary",
    st_bot: "with the bot", st_queued: "waiting", st_with_agent: "with an agent", st_closed: "closed",
  },
  fa: {
    contextTitle: "دربارهٔ بازدیدکننده", ctxPage: "صفحه", ctxReferrer: "از کجا آمده", ctxLocale: "زبان",
    ctxBrowser: "مرورگر و سیستم", ctxUnknown: "نامعلوم", ctxDirect: "مستقیم باز شده",
    ctxEarlier: "گفت‌وگوهای پیشین", ctxNoEarlier: "این نخستین گفت‌وگوی اوست.",
    ctxLoading: "در حال بارگذاری…", ctxFailed: "جزئیات بازدیدکننده بارگذاری نشد.",
    ctxPast: "گفت‌وگوی {0} · {1} · {2}", ctxHide: "بازگشت به بازدیدکننده",
    ctxPastTitle: "گفت‌وگوی پیشین {0}", ctxPastEmpty: "این گفت‌وگو پیامی ندارد.",
    summaryLabel: "چه می‌خواهد", summaryHint: "خلاصهٔ واگذاری",
    st_bot: "با ربات", st_queued: "در صف", st_with_agent: "با پشتیبان", st_closed: "بسته",
  },
};
