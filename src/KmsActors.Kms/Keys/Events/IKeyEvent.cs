using KmsActors.Kms.Persistence;

namespace KmsActors.Kms.Keys;

/// <summary>An event in a key's journal (persistence id "key-" + key ARN). <c>KeyRules.Apply</c> folds them into a <see cref="KmsKey"/>.</summary>
public interface IKeyEvent : IKmsPersistentMessage;
