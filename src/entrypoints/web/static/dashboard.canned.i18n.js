// Words of the reply box's helpers: quick replies (picker and admins' page), internal notes.
export const CANNED_STRINGS = {
  en: {
    tabReplies: "Quick replies", repliesTitle: "Quick replies", replyNew: "New quick reply",
    cShortcut: "Shortcut (typed after /)", cText: "Reply text", cDelete: "Delete",
    replySaved: "Saved /{0}.", replyDeleted: "Deleted /{0}.", repliesEmpty: "No quick replies yet. Agents type / in the reply box to use them.",
    pickerLabel: "Quick replies", pickerCount: "{0} quick replies match. Up and down arrows choose, Enter inserts, Escape closes.",
    pickerNone: "No quick reply starts with /{0}.", editReply: "Edit /{0}", deleteReply: "Delete /{0}",
    noteMode: "Internal note", noteBy: "Note · {0} · only agents see this",
    noteHint: "Write a note for the agents… the visitor never sees it (Enter saves)",
  },
  fa: {
    tabReplies: "پاسخ‌های آماده", repliesTitle: "پاسخ‌های آماده", replyNew: "پاسخ آمادهٔ تازه",
    cShortcut: "میان‌بر (پس از / تایپ می‌شود)", cText: "متن پاسخ", cDelete: "حذف",
    replySaved: "‎/{0} ذخیره شد.", replyDeleted: "‎/{0} حذف شد.", repliesEmpty: "هنوز پاسخ آماده‌ای نیست. پشتیبان‌ها با تایپ / در کادر پاسخ از آن‌ها استفاده می‌کنند.",
    pickerLabel: "پاسخ‌های آماده", pickerCount: "{0} پاسخ آماده پیدا شد. با کلیدهای بالا و پایین انتخاب کنید، Enter درج می‌کند، Escape می‌بندد.",
    pickerNone: "پاسخ آماده‌ای با ‎/{0} شروع نمی‌شود.", editReply: "ویرایش ‎/{0}", deleteReply: "حذف ‎/{0}",
    noteMode: "یادداشت داخلی", noteBy: "یادداشت · {0} · فقط پشتیبان‌ها می‌بینند",
    noteHint: "یادداشتی برای همکاران بنویسید… بازدیدکننده آن را نمی‌بیند (Enter ذخیره می‌کند)",
  },
};
