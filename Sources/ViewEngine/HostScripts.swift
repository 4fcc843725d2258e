import Foundation

/// The scripts chattui runs in the browser, each in an isolated world the view cannot see or call:
/// the host page's relay (view ⇄ chattui) and the view's change observer.
enum HostScripts {
    static let hostWorld = "chattui-host"
    static let observerWorld = "chattui-observer"
    static let bridgeBinding = "chattuiBridge"
    static let changeBinding = "chattuiChanged"

    /// The host page itself: empty; its frame is made by the relay.
    static let hostPage = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\"></body></html>"

    /// Makes the view's sandboxed frame and relays its `postMessage` JSON-RPC to chattui through a
    /// binding only this world has; `chattuiDeliver` posts chattui's messages to the view.
    static func relay(viewURL: String, height: Int) -> String {
        """
        (() => {
          const start = () => {
            const frame = document.createElement('iframe');
            frame.setAttribute('sandbox', 'allow-scripts allow-forms');
            frame.setAttribute('allow', '');
            frame.style.cssText = 'border:0;display:block;width:100%;height:\(height)px';
            window.addEventListener('message', (event) => {
              if (event.source !== frame.contentWindow) return;
              let text;
              try { text = JSON.stringify(event.data); } catch (e) { return; }
              if (typeof text === 'string' && text.length < 8388608) \(bridgeBinding)(text);
            });
            window.chattuiDeliver = (message) => frame.contentWindow && frame.contentWindow.postMessage(message, '*');
            window.chattuiResize = (height) => { frame.style.height = Math.max(50, Math.min(20000, height | 0)) + 'px'; };
            frame.src = \(jsonString(viewURL));
            document.body.appendChild(frame);
          };
          if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
        })();
        """
    }

    /// Tells chattui the view's document changed, at most once a frame, from when it is parsed: a tree
    /// read while a big inline script still runs waits for it, and has nothing to show.
    static let observer = """
        (() => {
          let pending = 0;
          const changed = () => {
            if (pending) return;
            pending = setTimeout(() => { pending = 0; \(changeBinding)(''); }, 16);
          };
          const start = () => {
            new MutationObserver(changed).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
            for (const name of ['focusin', 'input', 'change']) document.addEventListener(name, changed, true);
            changed();
          };
          if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, {once: true, capture: true}); else start();
        })();
        """

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
