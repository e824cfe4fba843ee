"""The results model: in-place batch updates, few change signals, filtering by state and text, the batching worker."""

from __future__ import annotations

from smsdesk.ui.results_model import STATUS, ResultsModel, StatusFilter, name_from_fields


def make_rows(count: int) -> list[list]:
    return [
        [index, index + 2, f"Kunde {index}", f"+4530{index:06d}", "pending", None, None, 1, None, None]
        for index in range(count)
    ]


def test_a_batch_of_updates_is_announced_as_few_contiguous_ranges(qtbot):
    model = ResultsModel()
    model.set_rows(make_rows(1000))
    ranges = []
    model.dataChanged.connect(lambda top, bottom, roles=(): ranges.append((top.row(), bottom.row())))
    changed = model.apply(
        [{"id": i, "state": "sent", "message_id": f"m{i}"} for i in range(100, 600)]
        + [{"id": i, "state": "failed", "error": "invalid number"} for i in (800, 801, 900)]
    )
    assert changed == 503
    assert ranges == [(100, 599), (800, 801), (900, 900)]
    assert model.counts == {"pending": 497, "sent": 500, "failed": 3}
    assert model.index(900, STATUS).data() == "Failed"


def test_updates_out_of_sight_are_not_announced_when_the_view_reads_the_model_directly(qtbot):
    model = ResultsModel()
    model.set_rows(make_rows(1000))
    model.visible_rows = lambda: (0, 24)
    ranges = []
    model.dataChanged.connect(lambda top, bottom, roles=(): ranges.append((top.row(), bottom.row())))
    model.apply([{"id": i, "state": "sent"} for i in range(10, 400)])
    assert ranges == [(10, 24)]
    assert model.counts["sent"] == 390  # the data changed all the same


def test_status_filter_and_search(qtbot):
    model = ResultsModel()
    model.set_rows(make_rows(10))
    model.apply([{"id": 3, "state": "failed", "error": "Nummeret findes ikke"}, {"id": 4, "state": "sent"}])
    model.apply([{"id": 4, "delivery": "delivered"}])
    proxy = StatusFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 10
    proxy.set_states(("failed",))
    assert proxy.rowCount() == 1
    proxy.set_states(("delivered",))
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "6"
    proxy.set_states(None)
    proxy.set_text("findes")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "5"
    proxy.set_text("")
    assert proxy.rowCount() == 10
    # a row that changes state leaves or enters the filtered view
    proxy.set_states(("sent",))
    assert proxy.rowCount() == 1
    model.apply([{"id": 7, "state": "sent"}])
    assert proxy.rowCount() == 2


def test_names_come_from_name_columns_in_any_language():
    assert (
        name_from_fields({"Fornavn": "Mette", "Efternavn": "Nielsen", "Mobil": "20 45 67 89"})
        == "Mette Nielsen"
    )
    assert name_from_fields({"Name": "Ann", "Phone": "1"}) == "Ann"
    assert name_from_fields({"Telefon": "1"}) == ""


def test_the_worker_hands_results_over_in_bounded_batches(qtbot):
    from smsdesk.core.states import MessageState
    from smsdesk.engine.results import MessageUpdate
    from smsdesk.ui.campaign_worker import MAX_ROWS_PER_BATCH, CampaignWorker

    def update(index: int, state: MessageState) -> MessageUpdate:
        return MessageUpdate(id=index, row=index + 2, phone="+4520000000", state=state, segments=1)

    worker = CampaignWorker("unused.sqlite3", "c1")
    batches = []
    worker.updates.connect(batches.append)
    for index in range(2500):
        worker._on_update(update(index, MessageState.SENT))
    worker._on_update(update(5, MessageState.FAILED))  # a later result for the same row wins
    worker.timer.start()
    worker.drain()
    qtbot.waitUntil(lambda: not worker._queue)
    worker.timer.stop()
    assert max(len(batch) for batch in batches) <= MAX_ROWS_PER_BATCH
    merged = {item["id"]: item for batch in batches for item in batch}  # later batches win, as in the model
    assert len(merged) == 2500
    assert merged[5]["state"] == "failed"
    assert all(
        set(item) >= {"id", "state", "message_id", "error", "segments"} for batch in batches for item in batch
    )
