namespace KmsActors.Kms.Persistence;

/// <summary>
/// Key material as events and snapshots hold it (README.md, "Key material at rest": never stored in plain text): AES-256-GCM under the data
/// key <paramref name="DataKeyId"/>, with the key ARN, the KeyMaterialId and the data key ID as associated data.
/// <paramref name="Ciphertext"/> ends with the 16-byte tag. Once <see cref="MaterialVault"/> has shredded the data
/// key, these bytes cannot be opened by anyone.
/// </summary>
public sealed record SealedMaterial(string DataKeyId, byte[] Nonce, byte[] Ciphertext);
