from .organisations import ClusterMembership, ContactPerson, Organisation, Partner, Partnership
from .reference import CpvCode, EformsCode, NaceCode, NutsRegion, S3Category, ValueChain, ValueChainStep
from .verification import VerificationRequest

__all__ = [
    "ClusterMembership",
    "ContactPerson",
    "CpvCode",
    "EformsCode",
    "NaceCode",
    "NutsRegion",
    "Organisation",
    "Partner",
    "Partnership",
    "S3Category",
    "ValueChain",
    "ValueChainStep",
    "VerificationRequest",
]
