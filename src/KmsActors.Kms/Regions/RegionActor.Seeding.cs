using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Regions;

// CreateKey with a caller-chosen key ID (kms.seed): the same creation path as CreateKey, after checking the ID.
public sealed partial class RegionActor
{
    private void CreateKeyWithId(KmsCommand command, CreateKeyWithIdRequest request, IActorRef replyTo)
    {
        // From here on the call is a CreateKey: its audit record and the key's rules see a plain CreateKeyRequest.
        var create = command with { Request = request.CreateKey };
        var violations = RequestValidation.Find(request.CreateKey, _region);
        if (violations.Count > 0)
        {
            Fail(create, replyTo, violations.ToException(), []);
            return;
        }
        var keyId = request.KeyId;
        var multiRegion = request.CreateKey.MultiRegion == true;
        if (!KmsArn.IsWellFormedKeyId(keyId) || keyId.StartsWith("mrk-", StringComparison.Ordinal) != multiRegion)
        {
            Fail(create, replyTo, KmsException.Validation(multiRegion
                ? $"'{keyId}' is not a multi-Region key ID: use \"mrk-\" followed by 32 lower-case hex digits."
                : $"'{keyId}' is not a key ID: use a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab."), []);
            return;
        }
        if (IsKnownKey(keyId))
        {
            Fail(create, replyTo, new KmsException(KmsErrorCodes.AlreadyExistsException, $"Key '{KeyArn(keyId)}' already exists"), [KeyArn(keyId)]);
            return;
        }
        var spec = request.CreateKey.KeySpec
            ?? (request.CreateKey.CustomerMasterKeySpec is { } legacy && Enum.TryParse<KeySpec>(legacy.ToString(), out var mapped) ? mapped : KeySpec.SYMMETRIC_DEFAULT);
        _pending[keyId] = new PendingKey(spec, request.CreateKey.KeyUsage ?? KeyUsageType.ENCRYPT_DECRYPT);
        try
        {
            Deliver(keyId, new InitializeKey(create, keyId), replyTo);
        }
        catch (KmsException)
        {
            _pending.Remove(keyId);
            throw;
        }
    }
}
