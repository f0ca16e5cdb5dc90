namespace KmsActors.Kms.Model;

/// <summary>The ways a KeyId-like member may name a KMS key (docs/identifiers.md).</summary>
[Flags]
public enum KeyIdForms
{
    None = 0,
    /// <summary>1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-… for multi-Region keys.</summary>
    KeyId = 1,
    /// <summary>arn:aws:kms:us-east-2:111122223333:key/1234abcd-…</summary>
    KeyArn = 2,
    /// <summary>alias/ExampleAlias</summary>
    AliasName = 4,
    /// <summary>arn:aws:kms:us-east-2:111122223333:alias/ExampleAlias</summary>
    AliasArn = 8,
    Any = KeyId | KeyArn | AliasName | AliasArn,
}
