using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Keys;

/// <summary>
/// ReEncrypt's second step. The source key actor decrypted the ciphertext and sends this to its parent RegionActor,
/// which resolves the <c>DestinationKeyId</c> of <paramref name="Command"/>'s ReEncryptRequest (key ID, ARN or alias)
/// and forwards it to the destination key actor. That actor encrypts, replies the ReEncryptResponse (or
/// Status.Failure) to <paramref name="ReplyTo"/> and audits the call. If the destination cannot be resolved, the
/// region answers <paramref name="ReplyTo"/> with the NotFoundException itself.
/// </summary>
public sealed record ReEncryptDestination(
    KmsCommand Command,
    byte[] Plaintext,
    string SourceKeyArn,
    EncryptionAlgorithmSpec SourceEncryptionAlgorithm,
    string? SourceKeyMaterialId,
    IActorRef ReplyTo);
