"""Microseconds per full count (core.encoding.count) of realistic Danish messages: a keystroke must never wait on it.

Target (issue 2): a 1,530-character message (CPSMS's cap: 10 SMS in GSM-7) counts in <= 200 µs median. The floor
beside each figure is one C-level pass over the same text (encoding it as UTF-16), less than any count can do.
Timing: batches of calls timed with perf_counter_ns, the median batch divided by its size; the garbage collector is
paused while timing, as timeit does. Each call gets a different text (the last character varies), so count()'s small
cache of recent texts never answers and every figure is a full count. The UCS-2 messages carry emoji with skin tones, flags and ZWJ families, curly
quotes, dashes and ellipses in every paragraph: a dense case, since Python work grows with those, not with length.
"""

from __future__ import annotations

import gc
import os
import statistics
import time

from smsdesk.core.encoding import count

TARGET_US = 200.0

GSM_PARAGRAPH = (
    "Kære Åse, tak for din bestilling hos Frisør Østergade. Din tid er bekræftet til tirsdag kl. 14:30. "
    "Ring på 12 34 56 78 hvis du er forhindret.\r\nPris 450 kr., 10% rabat med koden [SOMMER]. "
    "Mvh. Æbletræets team - vi glæder os til at se dig! Husk: afbud senest 24 timer før, ellers 100€.\r\n"
)
UCS2_PLAIN_PARAGRAPH = (
    "Kære Åse, tak for din bestilling hos “Frisør Østergade”. Din tid er bekræftet til tirsdag kl. 14:30 – "
    "pris 450 kr. Ring på 12 34 56 78 hvis du er forhindret…\r\n"
    "Mvh. Æbletræets team – vi glæder os til at se dig! Husk: afbud senest 24 timer før.\r\n"
)
UCS2_PARAGRAPH = (
    "Kære Åse 😀 tak for din bestilling hos “Frisør Østergade”. Din tid er bekræftet til tirsdag kl. 14:30 – "
    "pris 450 kr. Ring på 12 34 56 78 hvis du er forhindret… Vi ses 👍🏽 🇩🇰\r\n"
    "Mvh. Æbletræets team 👨‍👩‍👧 – vi glæder os til at se dig! Husk: afbud senest 24 timer før.\r\n"
)


def message(paragraph: str, length: int) -> str:
    text = (paragraph * (length // len(paragraph) + 1))[:length]
    if text[-1] in "\r\U0001f1e9":  # don't end on half a CR LF or half a flag
        text = text[:-1] + "."
    return text


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def variants(text: str, how_many: int = 64) -> list[str]:
    """Texts differing in their last character, so that count()'s small cache of recent texts never answers."""
    last = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!?.,:;-+=()'\"#%&*/<>@"
    return [text[:-1] + last[i % len(last)] + ("x" * (i // len(last))) for i in range(how_many)]


def per_call_us(
    function, text: str, batch: int = 64, batches: int = 200, clock=time.perf_counter_ns
) -> float:
    texts = variants(text, batch)
    function(text)
    samples = []
    gc.disable()
    try:
        for _ in range(batches):
            started = clock()
            for each in texts:
                function(each)
            samples.append((clock() - started) / batch / 1000)
    finally:
        gc.enable()
    return statistics.median(samples)


def _load() -> str:
    try:
        return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    except (AttributeError, OSError):
        return "load average unknown"


def main() -> None:
    cases = [
        ("count_gsm_160", message(GSM_PARAGRAPH, 160), None),
        ("count_gsm_1530", message(GSM_PARAGRAPH, 1530), TARGET_US),
        ("count_ucs2_160", message(UCS2_PARAGRAPH, 160), None),
        ("count_ucs2_1530", message(UCS2_PARAGRAPH, 1530), TARGET_US),
        ("count_ucs2_quotes_only_1530", message(UCS2_PLAIN_PARAGRAPH, 1530), TARGET_US),
    ]
    # Wall-clock figures are what a keystroke feels; on a busy machine they carry the neighbours' share, so the CPU
    # time of the same calls (process_time_ns) is printed beside them.
    print(f"   ({_load()})", flush=True)
    for name, text, target in cases:
        counted = count(text)
        took = per_call_us(count, text)
        cpu = per_call_us(count, text, clock=time.process_time_ns)
        floor = per_call_us(_utf16, text)
        goal = f"target <= {target:.0f} µs" if target else f"target <= {TARGET_US:.0f} µs at 1,530"
        print(
            f"{name}: {took:.1f} µs (median, {goal}, floor {floor:.1f} µs; CPU time {cpu:.1f} µs; "
            f"{len(text)} chars -> {counted.encoding}, {counted.segments} SMS, "
            f"{len(counted.non_gsm)} non-GSM)",
            flush=True,
        )


if __name__ == "__main__":
    main()
