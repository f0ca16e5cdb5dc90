using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>docs/key-states.md and the key-state table of <see cref="KeyRules"/> must say the same, cell by cell.</summary>
public sealed class KeyStateDocTests
{
    private static readonly KmsKey Key = TestKeys.External(KeyState.Enabled);

    [Fact]
    public void the_documented_table_has_a_column_for_every_key_state()
    {
        var header = Cells(Section("table:key-states").First());
        Assert.Equal("Operation", header[0]);
        Assert.Equal(Enum.GetNames<KeyState>().Order(StringComparer.Ordinal), header[1..].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void the_documented_operations_are_those_the_code_checks_the_state_of()
    {
        var documented = Rows().Select(r => r[0]).Order(StringComparer.Ordinal).ToList();
        var coded = KmsOperations.All.Where(InTable).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(coded, documented);
    }

    [Fact]
    public void every_documented_cell_is_what_the_code_answers()
    {
        var header = Cells(Section("table:key-states").First());
        var outcomes = Outcomes();
        var differences = new List<string>();
        foreach (var row in Rows())
        {
            for (var column = 1; column < header.Length; column++)
            {
                var key = Key with { State = Enum.Parse<KeyState>(header[column]) };
                Assert.True(outcomes.TryGetValue(row[column], out var expected), $"{row[0]}: code {row[column]} is not in the table of outcomes");
                var actual = Outcome(key, row[0]);
                if (expected!.Replace("<key ARN>", key.Arn, StringComparison.Ordinal) != actual)
                    differences.Add($"{row[0]} in {header[column]}: the doc says {row[column]}, the code answers {actual}");
            }
        }
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void every_documented_outcome_code_is_used_in_the_table()
    {
        var used = Rows().SelectMany(r => r[1..]).ToHashSet(StringComparer.Ordinal);
        Assert.All(Outcomes().Keys, code => Assert.Contains(code, used));
    }

    private static bool InTable(string operation)
    {
        try
        {
            KeyRules.CheckState(Key, operation);
            return true;
        }
        catch (KmsException)
        {
            return true; // in the table, refused in this state
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Outcome(KmsKey key, string operation)
    {
        try
        {
            KeyRules.CheckState(key, operation);
            return "OK";
        }
        catch (KmsException e)
        {
            return $"{e.ErrorCode}: {e.Message}";
        }
    }

    /// <summary>Code → "Exception: message" with the "&lt;key ARN&gt;" placeholder, or "OK".</summary>
    private static Dictionary<string, string> Outcomes() =>
        Section("table:outcomes").Skip(2).Select(Cells).ToDictionary(
            r => r[0],
            r => r[0] == "OK" ? "OK" : $"{r[1]}: {r[2].Trim('`')}",
            StringComparer.Ordinal);

    private static IEnumerable<string[]> Rows() => Section("table:key-states").Skip(2).Select(Cells);

    private static IEnumerable<string> Section(string name)
    {
        var lines = RepositoryFiles.DocLines("key-states.md");
        var start = Array.IndexOf(lines, $"<!-- {name} -->");
        var end = Array.IndexOf(lines, $"<!-- /{name} -->");
        Assert.True(start >= 0 && end > start, $"docs/key-states.md has no section {name}");
        return lines[(start + 1)..end].Where(l => l.Length > 0);
    }

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
