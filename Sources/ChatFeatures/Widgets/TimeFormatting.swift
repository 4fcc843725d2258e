import Foundation
import Glibc

/// Formats message and list times with the C library instead of Foundation's
/// formatters, which are backed by ICU: loading its data would cost the
/// interface about 5 MB of memory for two fixed patterns.
public struct TimeFormatting: Sendable {
    /// Seconds east of UTC at a moment (daylight saving changes it).
    let offset: @Sendable (Date) -> Int

    /// The process's time zone (honours TZ).
    public static let local = TimeFormatting { date in
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return parts.tm_gmtoff
    }

    static let utc = TimeFormatting { _ in 0 }

    private func parts(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970) + time_t(offset(date))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    /// "14:05"
    func clock(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%02d:%02d", p.tm_hour, p.tm_min)
    }

    /// "2026-11-21 14:05"
    func dateAndClock(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%04d-%02d-%02d %02d:%02d", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday, p.tm_hour, p.tm_min)
    }
}
