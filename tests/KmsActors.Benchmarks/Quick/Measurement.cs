using System.Text.Json;

namespace KmsActors.Benchmarks.Quick;

/// <summary>One figure of the quick mode, printed as one JSON object per line.</summary>
public sealed record Measurement(string Name, double Value, string Unit)
{
    public string ToJson() => JsonSerializer.Serialize(new { name = Name, value = Math.Round(Value, 3), unit = Unit });
}
