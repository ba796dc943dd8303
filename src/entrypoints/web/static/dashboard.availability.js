// The agent's own availability in the top bar: available (online) or away; the socket
// acknowledges each choice, and the choice is kept for the agent's next desk.
import { t } from "./dashboard.i18n.js";

const $ = (id) => document.getElementById(id);

export class AvailabilitySwitch {
  constructor(send) {
    this.send = send;
    this.status = null;
    this.auto = false;  // CHAT_ASSIGNMENT=auto: available means conversations come by themselves
    $("availability").addEventListener("change", () => {
      this.send({ type: "availability", status: $("availability").value });
    });
  }

  /** What the server says the agent is now: from the snapshot, or acknowledging a choice. */
  show(status, announce) {
    this.status = status;
    $("availability-box").hidden = false;
    $("availability").value = status;
    $("availability-box").dataset.status = status;
    if (announce) return t(status === "away" ? "nowAway" : "nowOnline");
    return null;
  }

  hide() {
    this.status = null;
    $("availability-box").hidden = true;
  }

  render() {
    for (const option of $("availability").options) {
      option.textContent = t(option.value === "away" ? "availAway" : "availOnline");
    }
    $("availability-box").title = this.auto ? t("autoAssign") : "";
  }
}
