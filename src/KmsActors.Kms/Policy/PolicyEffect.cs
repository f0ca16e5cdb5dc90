namespace KmsActors.Kms.Policy;

/// <summary>A statement's <c>Effect</c>: "Allow" or "Deny", exactly as IAM spells them.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
