using KmsActors.Kms.Model;

namespace KmsActors.Kms.Policy;

/// <summary>
/// A parsed, validated and compiled IAM policy document: a key policy (resource-based, every statement names a
/// Principal) or an identity policy (no Principal). <see cref="Parse"/> refuses what AWS refuses with
/// MalformedPolicyDocumentException, and a key policy over 32 KB with LimitExceededException; the messages and the
/// choices where AWS does not say are in docs/access-control.md.
/// </summary>
public sealed partial class PolicyDocument
{
    /// <summary>The key policy size quota: 32 KB, counted in characters.</summary>
    public const int MaxKeyPolicyLength = 32768;

    /// <summary>AWS's answer when the caller would lose PutKeyPolicy on the key (the lockout safety check), for the
    /// engine to throw as MalformedPolicyDocumentException when BypassPolicyLockoutSafetyCheck is false.</summary>
    public const string LockoutMessage = "The new key policy will not allow you to update the key policy in the future.";

    /// <summary>AWS's answer for a Principal that is not "*", an account ID, an IAM/STS principal ARN or a service.</summary>
    public const string InvalidPrincipalsMessage = "Policy contains a statement with one or more invalid principals.";

    /// <summary>AWS's answer for condition keys that a key policy cannot use (they describe other resources than one key).</summary>
    public const string KeyPolicyConditionKeysMessage =
        "These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases";

    public const string NotJsonMessage = "The key policy is not a valid JSON policy document.";
    public const string TooLongMessage = "The key policy exceeds the maximum size of 32768 characters.";

    private readonly PolicyStatement[] _statements;

    private PolicyDocument(string json, PolicyKind kind, string? version, string? id, PolicyStatement[] statements)
    {
        Json = json;
        Kind = kind;
        Version = version;
        Id = id;
        _statements = statements;
        HasConditions = statements.Any(s => s.HasConditions);
    }

    /// <summary>The document exactly as given (what GetKeyPolicy returns).</summary>
    public string Json { get; }

    public PolicyKind Kind { get; }

    /// <summary>"2012-10-17", "2008-10-17", or null when the document has no Version (IAM then reads it as 2008-10-17:
    /// policy variables are plain text).</summary>
    public string? Version { get; }

    public string? Id { get; }

    public IReadOnlyList<PolicyStatement> Statements => _statements;

    internal PolicyStatement[] StatementArray => _statements;

    /// <summary>Some statement has a Condition.</summary>
    public bool HasConditions { get; }

    /// <summary>Parses and validates <paramref name="json"/> as a policy of <paramref name="kind"/>.</summary>
    /// <exception cref="KmsException">MalformedPolicyDocumentException with AWS's message; LimitExceededException for a
    /// key policy over <see cref="MaxKeyPolicyLength"/> characters.</exception>
    public static PolicyDocument Parse(string json, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(json);
        // PutKeyPolicy's model: "If the key policy exceeds the length constraint, KMS returns a LimitExceededException."
        if (kind == PolicyKind.KeyPolicy && json.Length > MaxKeyPolicyLength)
            throw new KmsException(KmsErrorCodes.LimitExceededException, TooLongMessage);
        return new Parser(json, kind).Parse();
    }

    public override string ToString() => Json;

    internal static KmsException Malformed(string message) => new(KmsErrorCodes.MalformedPolicyDocumentException, message);
}
