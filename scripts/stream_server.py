"""Serves one Anthropic Messages stream of TOKENS text deltas as fast as it can, for `make bench`.

usage: stream_server.py PORT TOKENS [SECONDS]
Each request gets the whole stream: in one write, or spread evenly over SECONDS
(200 slices), like a model that streams. Listens on 127.0.0.1 only.
"""
import json
import socket
import sys
import threading
import time


def body(tokens):
    words = ["The ", "quick ", "**brown** ", "fox ", "jumps ", "over ", "the ", "lazy ", "dog ", "日本 ", "🙂 ", "`code` "]
    events = ['event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant",'
              '"content":[],"model":"bench","stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n',
              'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n']
    for index in range(tokens):
        text = words[index % len(words)] + ("\n\n" if index % 60 == 59 else "")
        delta = {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": text}}
        events.append("event: content_block_delta\ndata: " + json.dumps(delta, ensure_ascii=False) + "\n\n")
    events.append('event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n')
    events.append('event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":%d}}\n\n' % tokens)
    events.append('event: message_stop\ndata: {"type":"message_stop"}\n\n')
    return "".join(events).encode()


def main():
    port, tokens = int(sys.argv[1]), int(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    payload = body(tokens)
    head = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"

    def serve(conn):
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            length = 0
            for line in data.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            rest = data.split(b"\r\n\r\n", 1)[1]
            while len(rest) < length:
                rest += conn.recv(65536)
            if seconds <= 0:
                conn.sendall(head + payload)
                return
            conn.sendall(head)
            slices = 200
            size = len(payload) // slices + 1
            for start in range(0, len(payload), size):
                conn.sendall(payload[start:start + size])
                time.sleep(seconds / slices)

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(4)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
