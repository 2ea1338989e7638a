"""The simulated SMS sender (FAPAI_SMS=simulated): for the demo and the tests, where no
carrier is contracted. It texts nobody; the code goes to the server log and, because the
sender says it is simulated, back in the answer so the demo's sign-up page can show it.
"""

from __future__ import annotations

import logging

log = logging.getLogger("fapai.sms")


class SimulatedSms:
    simulated = True

    def send(self, phone: str, text: str) -> None:
        log.warning("simulated SMS to %s****%s: %s", phone[:3], phone[-4:], text)
