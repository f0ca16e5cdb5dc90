namespace KmsActors.Kms.Model;

/// <summary>The model type of a member.</summary>
public enum MemberKind
{
    String,
    Enum,
    Blob,
    Number,
    Boolean,
    Timestamp,
    Map,
    List,
    Structure,
}
