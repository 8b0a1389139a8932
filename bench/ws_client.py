"""A Streamlit client without a browser: the websocket protocol the frontend speaks to the server.

One ``StreamlitSocket`` is one browser tab: a websocket on ``/_stcore/stream`` that sends
``BackMsg`` protobufs (``rerun_script`` with the URL's query string, the page and the widget
values) and receives ``ForwardMsg`` protobufs (the new session, one delta an element, the end of
each script run). It does what the browser does for the load test (open a URL, type in a text
box) and keeps what the browser would show of the last run: its elements by position, its
metrics, captions and exceptions. No rendering and no JavaScript: a session costs the server
what a real one costs, and the driver almost nothing (20 chromium renderers on 2 cores measured
the browsers more than the server).

Message caching is not used (``cached_message_hashes`` stays empty), so the server sends every
message whole, as it does to a browser that opens the page for the first time.
"""

from __future__ import annotations

import asyncio
import urllib.parse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

MAIN = 0  # delta_path[0] of the main area (1 is the sidebar)
FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
RERUNNING = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


class ProtocolError(RuntimeError):
    """The server closed the connection or sent something the frontend would show as broken."""


class StreamlitSocket:
    def __init__(self, base: str, timeout: float = 60.0):
        self.ws_url = base.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.conn = None
        self.query_string = ""
        self.page_name = ""
        self.page_script_hash = ""
        self.elements: dict[tuple[int, ...], object] = {}  # delta path -> Element of the last run
        self.widget_ids: dict[str, str] = {}  # user key -> widget id, from the last run
        self.exceptions: list[str] = []

    async def open(self, path: str = "", params: dict | None = None) -> None:
        """Open ``/path?params`` as a new tab (a new server session) and wait for its run to end."""
        await self.close()
        self.conn = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout, ping_interval=None
        )
        self.query_string = urllib.parse.urlencode(params or {}, doseq=True)
        self.page_name, self.page_script_hash = path, ""
        await self._rerun([])

    async def set_text(self, key: str, value: str) -> None:
        """Type ``value`` in the text box of widget key ``key`` (and press Enter): the rerun it starts."""
        widget_id = self.widget_ids.get(key)
        if widget_id is None:
            raise ProtocolError(f"no widget with key {key!r} on the page")
        await self._rerun([WidgetState(id=widget_id, string_value=value)])

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()
            self.conn = None

    async def _rerun(self, widget_states: list[WidgetState]) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        state.page_script_hash = self.page_script_hash
        state.widget_states.widgets.extend(widget_states)
        state.context_info.timezone = "Europe/Paris"
        state.context_info.locale = "fr-FR"
        await self.conn.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(), self.timeout)

    async def _until_finished(self) -> None:
        """Read messages until a script run ends for good (a run that ends early for a rerun is
        followed by the next one, as the app's st.rerun does)."""
        self.elements, self.exceptions = {}, []
        while True:
            try:
                data = await self.conn.recv()
            except websockets.ConnectionClosed as exc:
                raise ProtocolError(f"connection closed by the server ({exc.code})") from exc
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta":
                self._on_delta(msg)
            elif kind == "script_finished":
                if msg.script_finished == FINISHED:
                    return
                if msg.script_finished != RERUNNING:
                    raise ProtocolError(f"script run ended with status {msg.script_finished}")
                self.elements, self.exceptions = {}, []

    def _on_delta(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        path = tuple(msg.metadata.delta_path)
        self.elements[path] = element
        which = element.WhichOneof("type")
        if which == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
            return
        widget = getattr(element, which, None)
        widget_id = getattr(widget, "id", "")
        if widget_id:
            # Keyed widgets' ids end with their user key: "$$ID-<hash>-f_q".
            self.widget_ids[widget_id.rsplit("-", 1)[-1]] = widget_id

    def fingerprint(self) -> dict:
        """What the main area of the last run shows of the data: metric values by label, and the
        captions that contain a figure (the same as the browser driver reads from the page)."""
        metrics, captions = {}, []
        for path in sorted(self.elements):
            if path[0] != MAIN:
                continue
            element = self.elements[path]
            which = element.WhichOneof("type")
            if which == "metric":
                metrics[element.metric.label] = element.metric.body
            elif (
                which == "markdown"
                and element.markdown.element_type == element.markdown.CAPTION
                and any(ch.isdigit() for ch in element.markdown.body)
            ):
                captions.append(element.markdown.body)
        return {"metrics": metrics, "captions": captions}
