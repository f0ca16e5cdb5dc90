using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Realism;

namespace KmsActors.TestKit.Tests.Foundation;

/// <summary>A KmsTestKit test's engine enters through the realism gate like every caller: kms.realism.faults holds
/// there, seeded by kms.deterministic-ids, and the AuditRecorder sees the faulted call.</summary>
public sealed class InjectedFaultTests() : KmsTestKit("""
    kms.deterministic-ids { enabled = on, seed = "testkit" }
    kms.realism.faults { enabled = on, default-rate = 0, operations { Decrypt = 1 } }
    """)
{
    [Fact]
    public async Task a_decrypt_faulted_by_the_realism_gate_fails_with_a_transient_error_the_audit_recorder_sees()
    {
        var engine = KmsEngine.Start(Sys);
        var audit = AuditRecorder.Start(Sys);
        var keyId = (await engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
        var encrypted = await engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [7] });

        var fault = await Assert.ThrowsAsync<KmsException>(() => engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }));
        await audit.FlushAsync();

        Assert.Contains(fault.ErrorCode, InjectedFaults.TransientErrors);
        var decrypt = Assert.Single(audit.Records, record => record.EventName == "Decrypt");
        Assert.Equal((fault.ErrorCode, fault.ErrorMessage), (decrypt.ErrorCode, decrypt.ErrorMessage));
        Assert.Empty(decrypt.Resources); // a ciphertext-only Decrypt names no key: the gate resolves nothing
    }
}
