"""Replays recorded model-API responses byte for byte, for chattui's provider tests.

usage: replay_server.py PORT REQUEST_LOG RECORDING [RECORDING ...]

Each request (any path, any method) gets the next recording in order; the last one
repeats. A recording is a raw HTTP/1.1 response: status line, headers, blank line,
body. It is written in small fragments, so events and JSON arrive split at awkward
places, and the connection is closed after it (a recording that stops mid-stream is
a dropped stream). Each request's method, path, headers and body are appended to
REQUEST_LOG as one JSON line. A recording whose name ends in `_stalls.http` is a
server that stops sending but keeps the connection open until the client leaves.
Listens on 127.0.0.1 only.
"""
import json
import socket
import sys
import threading
import time

FRAGMENT = 7


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return {"method": method, "path": path, "headers": headers, "body": body.decode("utf-8", "replace")}


def main():
    port, log_path, recordings = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    responses = []
    stalls = [path.endswith("_stalls.http") for path in recordings]
    for path in recordings:
        with open(path, "rb") as handle:
            raw = handle.read()
        # Recordings are kept with LF line ends in the repository; HTTP wants CRLF in the head.
        head, _, body = raw.partition(b"\n\n")
        responses.append(head.replace(b"\n", b"\r\n") + b"\r\n\r\n" + body)
    lock = threading.Lock()
    served = [0]

    def serve(conn):
        with conn:
            request = read_request(conn)
            if request is None:
                return
            with lock:
                index = min(served[0], len(responses) - 1)
                served[0] += 1
                with open(log_path, "a") as log:
                    log.write(json.dumps(request) + "\n")
            response = responses[index]
            for start in range(0, len(response), FRAGMENT):
                conn.sendall(response[start:start + FRAGMENT])
                if start % (FRAGMENT * 40) == 0:
                    time.sleep(0.001)
            if stalls[index]:
                while conn.recv(65536):
                    pass

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(16)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
