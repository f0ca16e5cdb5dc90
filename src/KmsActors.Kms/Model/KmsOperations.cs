namespace KmsActors.Kms.Model;

/// <summary>The operations of the AWS KMS model (TrentService) by name: views of <see cref="KmsCatalogue"/>, which is
/// generated from the model.</summary>
public static class KmsOperations
{
    /// <summary>Every operation, in the model's alphabetical order.</summary>
    public static readonly IReadOnlyList<string> All = KmsCatalogue.Operations.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Each operation's request and response records (null where the model has none).</summary>
    public static readonly IReadOnlyDictionary<string, (Type? Input, Type? Output)> Shapes =
        KmsCatalogue.Operations.Values.ToDictionary(operation => operation.Name, operation => (operation.Input, operation.Output), StringComparer.Ordinal);

    /// <summary>The operations whose API reference says "Cross-account use: Yes": a principal of another account may name the key by its key ARN.</summary>
    public static readonly IReadOnlySet<string> CrossAccount =
        KmsCatalogue.Operations.Values.Where(operation => operation.CrossAccount).Select(operation => operation.Name).ToHashSet(StringComparer.Ordinal);
}
