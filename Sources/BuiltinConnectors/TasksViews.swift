/// The Tasks connector's MCP Apps views. Each is drawn by its own script from the tool result the
/// host sends (`ui/notifications/tool-result`), then from the issues as they are now, read with the
/// app-only `current_issues` (a stored card restarts from its old result), and its select and Save act through the host: the
/// script calls `update_issue` with `tools/call`, so the person's approval and the server decide,
/// and the view redraws from what the server answered. Text goes in with `textContent`, never as
/// markup, so an issue's title cannot become part of the page.
enum TasksViews {
    static let html: [String: String] = [TasksServer.issueView: issue, TasksServer.boardView: board]

    static let statusOptions = TaskIssue.statuses.map { "<option>\($0)</option>" }.joined()

    static let issue = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Issue</title></head>
        <body>
          <article id="issue">
            <h1 id="title">Issue</h1>
            <p>Status: <span data-field="status"></span></p>
            <p>Priority: <span data-field="priority"></span></p>
            <p>Project: <span data-field="project"></span></p>
            <p>Assignee: <span data-field="assignee"></span></p>
            <p>Due: <span data-field="dueDate"></span></p>
            <p data-field="description"></p>
            <label>New status <select id="status" name="status">\(statusOptions)</select></label>
            <button id="save">Save</button>
            <p id="note" role="status"></p>
          </article>
          <script>\(hostScript)
          (() => {
            let issue = null;
            // Whether the issue shown was read from the tracker now, not only from the (maybe old) result.
            let current = false;
            const show = (next) => {
              if (!next) return;
              issue = next;
              document.getElementById("title").textContent = "#" + issue.id + " " + issue.title;
              for (const field of document.querySelectorAll("[data-field]")) field.textContent = issue[field.dataset.field] ?? "";
              document.getElementById("status").value = issue.status;
            };
            const refresh = async (id) => {
              const read = await tasksHost.read("current_issues", {ids: [id]});
              if (!read) return;
              const found = (read.issues || [])[0];
              if (!found) { issue = null; tasksHost.say("Issue #" + id + " no longer exists."); return; }
              current = true;
              // Unchanged: no redraw, so a select the person already opened or changed stays as it is.
              if (!tasksHost.same(found, issue)) show(found);
            };
            tasksHost.on("ui/notifications/tool-result", (result) => {
              const stored = result.structuredContent && result.structuredContent.issue;
              if (!stored) return;
              current = false;
              show(stored);
              refresh(stored.id);
            });
            document.getElementById("save").addEventListener("click", async () => {
              if (!issue) return;
              // Never write what may be old: read the issue first, and let the person choose again.
              if (!current) {
                await refresh(issue.id);
                if (current) tasksHost.say("Not saved: the issue now shows its current status; choose and Save again.");
                return;
              }
              const status = document.getElementById("status").value;
              const saved = await tasksHost.call("update_issue", {id: issue.id, status});
              if (saved) show(saved.issue);
            });
            tasksHost.start();
          })();
          </script>
        </body></html>
        """

    static let board = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Board</title></head>
        <body>
          <h1>Board</h1>
          <table id="board">
            <thead><tr><th>#</th><th>Title</th><th>Status</th><th>Priority</th><th>Assignee</th></tr></thead>
            <tbody></tbody>
          </table>
          <h2>Change status</h2>
          <div id="changes"></div>
          <button id="save">Save</button>
          <p id="note" role="status"></p>
          <script>\(hostScript)
          (() => {
            let issues = [];
            const cell = (row, text) => { const td = document.createElement("td"); td.textContent = text ?? ""; row.appendChild(td); };
            const show = (next) => {
              if (!Array.isArray(next)) return;
              issues = next;
              const body = document.querySelector("#board tbody");
              const changes = document.getElementById("changes");
              body.replaceChildren();
              changes.replaceChildren();
              for (const issue of issues) {
                const row = document.createElement("tr");
                for (const text of ["#" + issue.id, issue.title, issue.status, issue.priority, issue.assignee]) cell(row, text);
                body.appendChild(row);
                // The selects sit under the table, one per issue: a card numbers controls outside tables.
                const label = document.createElement("label");
                label.textContent = "#" + issue.id + " " + issue.title + " ";
                const select = document.createElement("select");
                select.dataset.issue = issue.id;
                select.innerHTML = `\(statusOptions)`;
                select.value = issue.status;
                label.appendChild(select);
                const line = document.createElement("p");
                line.appendChild(label);
                changes.appendChild(line);
              }
            };
            // Whether the rows shown were read from the tracker now, not only from the (maybe old) result.
            let current = false;
            const refresh = async () => {
              const read = await tasksHost.read("current_issues", {ids: issues.map((issue) => issue.id)});
              if (!read) return;
              current = true;
              // Unchanged: no redraw, so a select the person already opened or changed stays as it is.
              if (!tasksHost.same(read.issues, issues)) show(read.issues);
            };
            tasksHost.on("ui/notifications/tool-result", (result) => {
              const stored = result.structuredContent && result.structuredContent.issues;
              if (!Array.isArray(stored)) return;
              current = false;
              show(stored);
              refresh();
            });
            document.getElementById("save").addEventListener("click", async () => {
              // Never write what may be old: read the issues first, and let the person choose again.
              if (!current) {
                await refresh();
                if (current) tasksHost.say("Not saved: the board now shows the current statuses; choose and Save again.");
                return;
              }
              const changed = [...document.querySelectorAll("select[data-issue]")].filter((select) => {
                const issue = issues.find((each) => String(each.id) === select.dataset.issue);
                return issue && issue.status !== select.value;
              });
              if (changed.length === 0) { tasksHost.say("Nothing changed."); return; }
              for (const select of changed) {
                const saved = await tasksHost.call("update_issue", {id: Number(select.dataset.issue), status: select.value});
                if (!saved) return;
                show(issues.map((each) => each.id === saved.issue.id ? saved.issue : each));
              }
            });
            tasksHost.start();
          })();
          </script>
        </body></html>
        """

    /// The view's side of the MCP Apps bridge (spec 2026-01-26): JSON-RPC over `postMessage` with the
    /// host page; answers the host's own requests (teardown) at once.
    static let hostScript = """
        const tasksHost = (() => {
          const waiting = new Map();
          const handlers = {};
          let nextID = 1;
          const send = (message) => window.parent.postMessage(Object.assign({jsonrpc: "2.0"}, message), "*");
          const request = (method, params) => new Promise((resolve, reject) => {
            const id = nextID++;
            waiting.set(id, {resolve, reject});
            send({id, method, params});
          });
          window.addEventListener("message", (event) => {
            if (event.source !== window.parent) return;
            const message = event.data || {};
            if (message.method === undefined) {
              const call = waiting.get(message.id);
              if (!call) return;
              waiting.delete(message.id);
              if (message.error) call.reject(new Error(message.error.message || "refused")); else call.resolve(message.result || {});
              return;
            }
            if (message.id !== undefined) send({id: message.id, result: {}});
            if (handlers[message.method]) handlers[message.method](message.params || {});
          });
          const say = (text) => { document.getElementById("note").textContent = text; };
          // JSON with its keys sorted: the host may send an object's keys in any order.
          const canonical = (value) => JSON.stringify(value, (key, each) => each && typeof each === "object" && !Array.isArray(each)
            ? Object.fromEntries(Object.keys(each).sort().map((name) => [name, each[name]])) : each);
          const textOf = (result) => (result.content || []).map((block) => block.text || "").join(" ");
          return {
            on: (method, handler) => { handlers[method] = handler; },
            /// Whether two results hold the same data, whatever the order of their keys.
            same: (a, b) => canonical(a) === canonical(b),
            say,
            start: () => request("ui/initialize", {protocolVersion: "2026-01-26", appInfo: {name: "chattui-tasks", version: "1.0.0"}, appCapabilities: {}})
              .then(() => send({method: "ui/notifications/initialized", params: {}})),
            /// A read-only tool of this connector through the host, quietly; the structured result, or nil after saying why not.
            read: async (name, args) => {
              try {
                const result = await request("tools/call", {name, arguments: args});
                if (result.isError) { say("Could not read the current issues: " + textOf(result)); return null; }
                return result.structuredContent || {};
              } catch (error) {
                say("Could not read the current issues: " + error.message);
                return null;
              }
            },
            /// A tool of this connector through the host; the structured result, or nil after saying why not.
            call: async (name, args) => {
              say("Saving…");
              try {
                const result = await request("tools/call", {name, arguments: args});
                if (result.isError) { say("Not saved: " + textOf(result)); return null; }
                say("Saved.");
                return result.structuredContent || {};
              } catch (error) {
                say("Not saved: " + error.message);
                return null;
              }
            },
          };
        })();
        """
}
