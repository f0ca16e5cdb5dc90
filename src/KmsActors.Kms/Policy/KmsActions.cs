using System.Collections.Frozen;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Policy;

/// <summary>The IAM action of each KMS operation ("kms:" and the operation's name, one string instance each so the
/// decision cache compares them by reference), plus the two actions of ReEncrypt (docs/access-control.md).</summary>
public static class KmsActions
{
    public const string ReEncryptFrom = "kms:ReEncryptFrom";
    public const string ReEncryptTo = "kms:ReEncryptTo";

    private static readonly FrozenDictionary<string, string> ByOperation =
        KmsOperations.All.ToFrozenDictionary(operation => operation, operation => string.Intern("kms:" + operation), StringComparer.Ordinal);

    /// <summary>"kms:Encrypt" for "Encrypt"; ReEncrypt's source side is <see cref="ReEncryptFrom"/>.</summary>
    public static string Of(string operation) =>
        operation == "ReEncrypt" ? ReEncryptFrom : ByOperation.TryGetValue(operation, out var action) ? action : "kms:" + operation;
}
