/// Rows printed under a header in aligned columns, two spaces apart (upstream's tablewriter).
struct TextTable {
    let columns: [String]
    private(set) var rows: [[String]] = []

    init(_ columns: [String]) { self.columns = columns }

    mutating func add(_ row: [String]) {
        rows.append(Array(row.prefix(columns.count)) + Array(repeating: "", count: max(0, columns.count - row.count)))
    }

    func render() -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return ([columns] + rows).map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// `text` cut to `limit` characters with `...`, unless `full`.
    static func cut(_ text: String, _ limit: Int, full: Bool) -> String {
        full || text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
