using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using KmsActors.Kms.Model;
using KmsActors.Server.Protocol;

namespace KmsActors.Server.Dispatch;

/// <summary>One operation of the model as the endpoint dispatches it: its name and input and output records.</summary>
public sealed record KmsOperation(string Name, Type Input, Type? Output)
{
    /// <summary>The input record's JSON metadata, looked up once (a lookup by type checks the type on every call).</summary>
    public JsonTypeInfo InputJson => field ??= AwsJsonCodec.Options.GetTypeInfo(Input);

    /// <summary>The output record's JSON metadata, or null for operations without output.</summary>
    public JsonTypeInfo? OutputJson => Output is null ? null : field ??= AwsJsonCodec.Options.GetTypeInfo(Output);

    /// <summary>AWS JSON 1.1: <c>X-Amz-Target: TrentService.&lt;Operation&gt;</c>.</summary>
    public const string TargetPrefix = "TrentService.";

    // Every KMS operation has an input shape; some (CreateAlias, EnableKey, …) have no output.
    private static readonly FrozenDictionary<string, KmsOperation> ByName = KmsOperations.All
        .Select(name => new KmsOperation(name, KmsOperations.Shapes[name].Input!, KmsOperations.Shapes[name].Output))
        .ToFrozenDictionary(op => op.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, KmsOperation>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IEnumerable<KmsOperation> All => ByName.Values;

    /// <summary>The operation an X-Amz-Target header names, or null.</summary>
    public static KmsOperation? FromTarget(ReadOnlySpan<char> target) =>
        target.StartsWith(TargetPrefix, StringComparison.Ordinal) && BySpan.TryGetValue(target[TargetPrefix.Length..], out var operation)
            ? operation
            : null;
}
