extension String {
    /// A number with a fixed count of decimals and a decimal point (0.8 → "0.80" with 2),
    /// independent of locale, for CSV and reports.
    public init(fixed value: Double, decimals: Int) {
        precondition((0...9).contains(decimals), "0 to 9 decimals")
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        guard decimals > 0 else { self = sign + String(magnitude); return }
        let fraction = String(magnitude % scale)
        self = "\(sign)\(magnitude / scale).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }

    /// Padded with spaces on the right to `width` characters, for aligned terminal columns.
    public func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }

    /// Padded with spaces on the left to `width` characters.
    public func leftPadding(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
