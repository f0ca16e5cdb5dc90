namespace KmsActors.Kms.Model;

/// <summary>One member of a request shape and the model's constraints on it (docs/validation.md).</summary>
/// <param name="Name">The member as in the model and the records, e.g. "CiphertextBlob".</param>
/// <param name="WireName">The name AWS's messages use, e.g. "ciphertextBlob".</param>
/// <param name="Shape">The model shape, e.g. "CiphertextType".</param>
/// <param name="Min">Least length (strings, blobs: characters or bytes; lists: entries) or least value (numbers).</param>
/// <param name="Max">Greatest length or value.</param>
/// <param name="Pattern">The regular expression the whole value must match, as the model writes it.</param>
/// <param name="EnumType">The model enum of an enum member.</param>
/// <param name="Sensitive">AWS leaves the value out of its messages ("Value at 'plaintext' …").</param>
/// <param name="KeyIdForms">For KeyId-like members: the identifier forms the operation accepts (docs/identifiers.md).</param>
/// <param name="Element">For lists: the entries' shape.</param>
/// <param name="Members">For structures: their members.</param>
/// <param name="PageMax">For a list operation's Limit: the largest page its API reference allows (narrower than the model's range).</param>
/// <param name="PageDefault">For a list operation's Limit: the page size when the caller gives none.</param>
public sealed record MemberSpec(
    string Name, string WireName, string Shape, MemberKind Kind, bool Required, long? Min, long? Max, string? Pattern, Type? EnumType,
    bool Sensitive, KeyIdForms KeyIdForms, MemberSpec? Element, IReadOnlyList<MemberSpec> Members, int? PageMax = null, int? PageDefault = null);
