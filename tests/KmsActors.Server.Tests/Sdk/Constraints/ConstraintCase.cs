using KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>One constraint of one member of one operation, probed with a few requests (just under, at, and over a
/// limit; absent and present; a value that breaks a pattern and one that keeps it).</summary>
/// <param name="Name">"Operation.wire.path.constraint", e.g. "Encrypt.plaintext.max_length_4096".</param>
/// <param name="Path">The member's path as AWS's messages name it, e.g. "tags.2.member.tagKey".</param>
public sealed record ConstraintCase(string Name, OperationSpec Operation, string Path, IReadOnlyList<ConstraintProbe> Probes)
{
    public override string ToString() => Name;
}
