namespace KmsActors.Kms.Policy;

/// <summary>
/// A policy glob (<c>*</c> any run of characters, <c>?</c> one character), compiled once at parse time into the cheapest
/// shape that can decide it: anything, an exact text, a prefix, or a general glob matched without allocating (no Regex).
/// Actions compare case-insensitively, ARNs and condition values case-sensitively (see docs/access-control.md).
/// </summary>
internal sealed class WildcardPattern
{
    private enum Shape { Any, Exact, Prefix, Glob }

    private readonly Shape _shape;
    private readonly StringComparison _comparison;

    public WildcardPattern(string pattern, bool ignoreCase)
    {
        Pattern = pattern;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var star = pattern.IndexOf('*');
        var question = pattern.IndexOf('?');
        if (pattern == "*")
            _shape = Shape.Any;
        else if (star < 0 && question < 0)
            _shape = Shape.Exact;
        else if (question < 0 && star == pattern.Length - 1)
            _shape = Shape.Prefix;
        else
            _shape = Shape.Glob;
    }

    public string Pattern { get; }

    public bool IsAny => _shape == Shape.Any;

    public bool Matches(ReadOnlySpan<char> text) => _shape switch
    {
        Shape.Any => true,
        Shape.Exact => text.Equals(Pattern, _comparison),
        Shape.Prefix => text.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), _comparison),
        _ => Glob(Pattern, text, _comparison == StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Iterative glob match with one backtrack point (the last <c>*</c>): linear in practice, no allocation.</summary>
    public static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
                return false;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    public override string ToString() => Pattern;
}
