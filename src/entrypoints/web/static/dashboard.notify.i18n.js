// The words of transfer and return, and of the background-tab alerts, merged into the
// dashboard's strings.
export const NOTIFY_STRINGS = {
  en: {
    transfer: "Transfer", transferTo: "Hand this conversation to a colleague online:",
    transferNone: "No other colleague is online right now.", backToQueue: "Back to the queue",
    transferToNamed: "Hand to {0}", transferLoading: "Looking for colleagues online…",
    transferredAway: "The conversation went to {0}.", transferredToYou: "{0} handed you a conversation.",
    returnedToQueue: "The conversation went back to the head of the queue.",
    someone: "a colleague",
    err_agent_offline: "That colleague is not online any more. Choose another.",
    err_transfer_too_many_chats: "That colleague already has as many conversations as allowed. Choose another.",
    err_transfer_not_found: "That colleague's account is gone or disabled.",
    notifyAllow: "Turn on notifications", notifyOn: "Notifications on",
    notifyBlocked: "Notifications blocked in this browser", soundOn: "Sound: on", soundOff: "Sound: off",
    notifyQueue: "A visitor is waiting", notifyMessage: "New message from a visitor",
  },
  fa: {
    transfer: "واگذاری", transferTo: "این گفتگو را به همکاری که آنلاین است بسپارید:",
    transferNone: "اکنون همکار دیگری آنلاین نیست.", backToQueue: "بازگشت به صف",
    transferToNamed: "سپردن به {0}", transferLoading: "در جستجوی همکاران آنلاین…",
    transferredAway: "گفتگو به {0} سپرده شد.", transferredToYou: "{0} گفتگویی را به شما سپرد.",
    returnedToQueue: "گفتگو به ابتدای صف بازگشت.",
    someone: "یک همکار",
    err_agent_offline: "این همکار دیگر آنلاین نیست. همکار دیگری را انتخاب کنید.",
    err_transfer_too_many_chats: "این همکار به سقف گفتگوهای هم‌زمان رسیده است. همکار دیگری را انتخاب کنید.",
    err_transfer_not_found: "حساب این همکار حذف یا غیرفعال شده است.",
    notifyAllow: "روشن کردن اعلان‌ها", notifyOn: "اعلان‌ها روشن است",
    notifyBlocked: "اعلان‌ها در این مرورگر مسدود است", soundOn: "صدا: روشن", soundOff: "صدا: خاموش",
    notifyQueue: "بازدیدکننده‌ای منتظر است", notifyMessage: "پیام تازه از بازدیدکننده",
  },
};
