using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Crypto.Assertions;
using static KmsActors.Kms.Tests.Crypto.TestKeys;

namespace KmsActors.Kms.Tests.Crypto;

public class KeyMaterialValidatorEccTests
{
    // The point form travels as its name: the test helper's enum is internal and theory parameters must be public.
    public static TheoryData<KeySpec, string> CurvesAndPointForms()
    {
        var data = new TheoryData<KeySpec, string>();
        foreach (var spec in new[] { KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521, KeySpec.ECC_SECG_P256K1 })
        foreach (var form in Enum.GetValues<PointForm>())
            data.Add(spec, form.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(CurvesAndPointForms))]
    public void ec_key_on_the_spec_curve_is_accepted_with_any_embedded_point_form(KeySpec spec, string form)
    {
        var curve = EcCurve.ForSpec(spec)!;
        var key = NewEcKey(curve);
        var material = EcPkcs8(curve.Oid, key.D!, key.Q.X!, key.Q.Y!, Enum.Parse<PointForm>(form));

        var validated = KeyMaterialValidator.Validate(spec, material, false);

        using var expected = ECDsa.Create(key);
        Assert.Equal(expected.ExportSubjectPublicKeyInfo(), validated.PublicKeyDer);
        Assert.Equal(material, validated.Material);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_NIST_P384)]
    [InlineData(KeySpec.ECC_NIST_P521)]
    [InlineData(KeySpec.ECC_SECG_P256K1)]
    public void ec_pkcs8_exported_by_dotnet_is_accepted(KeySpec spec)
    {
        using var ecdsa = ECDsa.Create(EcCurve.ForSpec(spec)!.DotNetCurve);
        var validated = KeyMaterialValidator.Validate(spec, ecdsa.ExportPkcs8PrivateKey(), false);
        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), validated.PublicKeyDer);
    }

    [Fact]
    public void ec_key_naming_its_curve_only_inside_the_ec_private_key_is_accepted()
    {
        var key = NewEcKey(EcCurve.P256);
        var material = EcPkcs8(EcCurve.P256.Oid, key.D!, key.Q.X!, key.Q.Y!, PointForm.Uncompressed, curveInEcPrivateKey: true);
        Assert.NotNull(KeyMaterialValidator.Validate(KeySpec.ECC_NIST_P256, material, false).PublicKeyDer);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384)]
    [InlineData(KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521)]
    [InlineData(KeySpec.ECC_NIST_P521, KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_SECG_P256K1, KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_NIST_P256, KeySpec.ECC_SECG_P256K1)]
    public void ec_key_on_another_curve_is_incorrect_key_material(KeySpec spec, KeySpec actual)
    {
        var material = KeyMaterialFactory.Generate(actual);
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException, () => KeyMaterialValidator.Validate(spec, material, false));
        Assert.Equal(
            $"The EC private key is on curve {EcCurve.ForSpec(actual)!.Describe()}; {spec} needs a key on {EcCurve.ForSpec(spec)!.Describe()}.",
            error.Message);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_NIST_P384)]
    [InlineData(KeySpec.ECC_NIST_P521)]
    [InlineData(KeySpec.ECC_SECG_P256K1)]
    public void ec_key_with_explicit_curve_parameters_is_rejected(KeySpec spec)
    {
        var material = ExplicitEcPkcs8(EcCurve.ForSpec(spec)!);
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException, () => KeyMaterialValidator.Validate(spec, material, false));
        Assert.Contains("explicit curve parameters", error.Message);
    }

    [Fact]
    public void ec_key_whose_embedded_point_belongs_to_another_key_is_rejected()
    {
        var key = NewEcKey(EcCurve.P256);
        var other = NewEcKey(EcCurve.P256);
        var material = EcPkcs8(EcCurve.P256.Oid, key.D!, other.Q.X!, other.Q.Y!, PointForm.Compressed);
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException, () => KeyMaterialValidator.Validate(KeySpec.ECC_NIST_P256, material, false));
        Assert.Contains("does not belong to its private scalar", error.Message);
    }

    [Fact]
    public void ec_key_with_a_zero_scalar_is_rejected()
    {
        var key = NewEcKey(EcCurve.P256);
        var material = EcPkcs8(EcCurve.P256.Oid, new byte[32], key.Q.X!, key.Q.Y!, PointForm.Absent);
        ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException, () => KeyMaterialValidator.Validate(KeySpec.ECC_NIST_P256, material, false));
    }

    [Fact]
    public void ec_key_in_non_minimal_ber_is_accepted()
    {
        var ber = AsNonMinimalBer(KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P384));
        Assert.NotNull(KeyMaterialValidator.Validate(KeySpec.ECC_NIST_P384, ber, false).PublicKeyDer);
    }

    [Fact]
    public void rsa_material_for_an_ec_spec_is_incorrect_key_material()
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.ECC_NIST_P256, RsaPkcs8(2048), false));
        Assert.Contains("needs an EC private key", error.Message);
    }

    [Fact]
    public void sm2_key_in_china_is_accepted_with_its_public_key()
    {
        var material = KeyMaterialFactory.Generate(KeySpec.SM2);
        var validated = KeyMaterialValidator.Validate(KeySpec.SM2, material, chinaPartition: true);

        using var sm2 = new Sm2KeyMaterial(material);
        Assert.Equal(sm2.PublicKeyDer, validated.PublicKeyDer);
        var spki = new AsnReader(validated.PublicKeyDer, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        Assert.Equal(Pkcs8PrivateKeyInfo.EcPublicKeyOid, spki.ReadObjectIdentifier());
        Assert.Equal(EcCurve.Sm2Oid, spki.ReadObjectIdentifier());
    }

    [Fact]
    public void sm2_key_with_compressed_point_is_accepted()
    {
        var material = KeyMaterialFactory.Generate(KeySpec.SM2);
        using var sm2 = new Sm2KeyMaterial(material);
        var point = new AsnReader(sm2.PublicKeyDer, AsnEncodingRules.DER).ReadSequence();
        point.ReadSequence();
        var q = point.ReadBitString(out _);
        var d = EcPrivateKey.FromPkcs8(Pkcs8PrivateKeyInfo.Parse(material)).D;
        var compressed = EcPkcs8(EcCurve.Sm2Oid, d, q[1..33], q[33..], PointForm.Compressed);

        Assert.Equal(sm2.PublicKeyDer, KeyMaterialValidator.Validate(KeySpec.SM2, compressed, true).PublicKeyDer);
    }

    [Fact]
    public void nist_key_for_the_sm2_spec_is_incorrect_key_material()
    {
        var error = ThrowsKms(KmsErrorCodes.IncorrectKeyMaterialException,
            () => KeyMaterialValidator.Validate(KeySpec.SM2, KeyMaterialFactory.Generate(KeySpec.ECC_NIST_P256), true));
        Assert.Contains("SM2", error.Message);
    }
}
