#!/usr/bin/env python3
"""generate_tree.py - synthetic but realistic Windows driver sources for the
benchmark (tool/bench/bench.sh).

    generate_tree.py OUT --files N [--seed S] [--heavy-lines L]

Writes OUT/src/driverNNNNN.c: 200-2,000 lines each (IOCTL codes, request
structs, helpers with lists, locks, pool allocations and loops, a
DispatchDeviceControl switch, METHOD_BUFFERED and METHOD_NEITHER handlers
using the user-mode accessors, a few risky patterns umalint reports). The
include lines vary like a real tree: most files start with <ntddk.h> and
<usermode_accessors.h>, some add <ntstrsafe.h> or <wdf.h>, a few define a
macro before their includes.

With --heavy-lines L it also writes OUT/sys/heavy_wdk.h, a system header of
about L lines (structs, inline functions, macros, like the real WDK's
ntddk.h pulls in) that every file includes first; pass -isystem OUT/sys.
"""
import argparse
import os
import random


def heavy_header(lines_wanted, rng):
    out = ["/* heavy_wdk.h - a synthetic WDK-sized system header for the benchmark. */",
           "#ifndef HEAVY_WDK_H", "#define HEAVY_WDK_H", "#include <ntddk.h>", ""]
    n = 0
    while len(out) < lines_wanted - 2:
        kind = n % 4
        if kind == 0:
            fields = rng.randint(4, 14)
            out.append(f"typedef struct _HW_RECORD_{n} {{")
            for f in range(fields):
                t = rng.choice(["ULONG", "USHORT", "UCHAR", "ULONG64", "PVOID", "LARGE_INTEGER", "LIST_ENTRY"])
                out.append(f"    {t} Field{f};")
            out.append(f"    UCHAR Reserved[{rng.randint(1, 32)}];")
            out.append(f"}} HW_RECORD_{n}, *PHW_RECORD_{n};")
            out.append(f"C_ASSERT(sizeof(HW_RECORD_{n}) > 0);")
        elif kind == 1:
            out.append(f"FORCEINLINE ULONG HwChecksum{n}(const UCHAR *Data, ULONG Length)")
            out.append("{")
            out.append(f"    ULONG Sum = {rng.randint(1, 1000)}u;")
            out.append("    for (ULONG i = 0; i < Length; i++) {")
            out.append(f"        Sum = (Sum << {rng.randint(1, 7)}) ^ (Sum >> {rng.randint(8, 20)}) ^ Data[i];")
            out.append("    }")
            out.append("    return Sum;")
            out.append("}")
        elif kind == 2:
            for m in range(6):
                out.append(f"#define HW_REG_{n}_{m} (0x{rng.randint(0, 0xFFFF):04X}u + {m}u)")
            out.append(f"#define HW_FIELD_{n}(r) (((r) >> {rng.randint(0, 16)}) & 0x{rng.randint(1, 255):02X}u)")
        else:
            out.append(f"NTKERNELAPI NTSTATUS NTAPI HwQueryDevice{n}(_In_ PDEVICE_OBJECT DeviceObject, "
                       f"_Out_writes_bytes_(Length) PVOID Buffer, _In_ ULONG Length, _Out_opt_ PULONG Returned);")
            out.append(f"typedef enum _HW_STATE_{n} {{ HwState{n}Idle, HwState{n}Busy, HwState{n}Failed }} "
                       f"HW_STATE_{n};")
        out.append("")
        n += 1
    out += ["#endif", ""]
    return "\n".join(out)


class Driver:
    def __init__(self, rng, index, lines_wanted, heavy):
        self.rng, self.n, self.lines_wanted, self.heavy = rng, index, lines_wanted, heavy
        self.out = []
        self.structs = []
        self.handlers = []

    def emit(self, text=""):
        self.out.extend(text.split("\n"))

    def prologue(self):
        rng, n = self.rng, self.n
        self.emit(f"/*\n * driver{n:05}.c - synthetic driver source for the umalint benchmark.\n */")
        if rng.random() < 0.05:
            self.emit("#define DRIVER_TRACE_LEVEL 2")   # a macro before the includes: no shared prefix
        if self.heavy:
            self.emit("#include <heavy_wdk.h>")
        self.emit("#include <ntddk.h>")
        self.accessors = rng.random() < 0.9
        if self.accessors:
            self.emit("#include <usermode_accessors.h>")
        if rng.random() < 0.3:
            self.emit("#include <ntstrsafe.h>")
        self.emit("")
        self.emit(f"#define POOL_TAG_{n} 'vrD{n % 10}'")
        self.emit(f"#define DEVICE_TYPE_{n} 0x{0x8000 + n % 0x7FFF:04X}")

    def struct(self):
        rng, n = self.rng, self.n
        k = len(self.structs)
        name = f"REQUEST_{n}_{k}"
        fields = [("ULONG", "Size"), ("ULONG", "Flags")]
        for f in range(rng.randint(2, 8)):
            fields.append((rng.choice(["ULONG", "ULONG64", "USHORT", "LONG", "UCHAR"]), f"Value{f}"))
        self.emit(f"typedef struct _{name} {{")
        for t, fname in fields:
            self.emit(f"    {t} {fname};")
        self.emit(f"    UCHAR Payload[{rng.choice([8, 16, 32, 64])}];")
        self.emit(f"}} {name}, *P{name};\n")
        self.structs.append((name, fields))

    def helper(self):
        rng, n = self.rng, self.n
        k = len(self.out)
        style = rng.randrange(4)
        if style == 0:
            self.emit(f"static ULONG Checksum_{n}_{k}(const UCHAR *Data, ULONG Length)\n{{")
            self.emit("    ULONG Sum = 0;\n    for (ULONG i = 0; i < Length; i++) {")
            self.emit(f"        Sum = (Sum * {rng.randint(3, 97)}u) ^ Data[i];\n        if (Sum & 0x80000000u) {{")
            self.emit("            Sum ^= 0x04C11DB7u;\n        }\n    }\n    return Sum;\n}\n")
        elif style == 1:
            self.emit(f"typedef struct _ENTRY_{n}_{k} {{ LIST_ENTRY Link; ULONG Id; ULONG64 Data; }} ENTRY_{n}_{k};\n")
            self.emit(f"static NTSTATUS QueueWork_{n}_{k}(PLIST_ENTRY Head, PKSPIN_LOCK Lock, ULONG Id)\n{{")
            self.emit(f"    ENTRY_{n}_{k} *Entry;\n    KIRQL Irql;")
            self.emit(f"    Entry = (ENTRY_{n}_{k} *)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*Entry), POOL_TAG_{n});")
            self.emit("    if (Entry == NULL) {\n        return STATUS_INSUFFICIENT_RESOURCES;\n    }")
            self.emit("    Entry->Id = Id;\n    Entry->Data = (ULONG64)Id << 3;")
            self.emit("    KeAcquireSpinLock(Lock, &Irql);\n    InsertTailList(Head, &Entry->Link);")
            self.emit("    KeReleaseSpinLock(Lock, Irql);\n    return STATUS_SUCCESS;\n}\n")
        elif style == 2:
            self.emit(f"static NTSTATUS Validate_{n}_{k}(ULONG Size, ULONG Flags, ULONG Expected)\n{{")
            self.emit("    if (Size < Expected) {\n        return STATUS_BUFFER_TOO_SMALL;\n    }")
            self.emit(f"    if ((Flags & ~0x{rng.randint(1, 0xFF):X}u) != 0) {{\n        return STATUS_INVALID_PARAMETER;\n    }}")
            self.emit("    switch (Flags & 3u) {\n    case 0:\n        break;\n    case 1:\n    case 2:")
            self.emit("        if (Size > 4096) {\n            return STATUS_INVALID_BUFFER_SIZE;\n        }\n        break;")
            self.emit("    default:\n        return STATUS_NOT_SUPPORTED;\n    }\n    return STATUS_SUCCESS;\n}\n")
        else:
            self.emit(f"static VOID Scramble_{n}_{k}(PUCHAR Buffer, SIZE_T Length, ULONG Seed)\n{{")
            self.emit("    SIZE_T i;\n    for (i = 0; i + 4 <= Length; i += 4) {")
            self.emit("        ULONG Word;\n        RtlCopyMemory(&Word, Buffer + i, sizeof(Word));")
            self.emit(f"        Word ^= Seed;\n        Seed = Seed * {rng.randint(1000, 99999)}u + 12345u;")
            self.emit("        RtlCopyMemory(Buffer + i, &Word, sizeof(Word));\n    }\n}\n")

    def handler(self):
        rng, n = self.rng, self.n
        name, fields = rng.choice(self.structs)
        k = len(self.handlers)
        hname = f"Handle_{n}_{k}"
        method = rng.randrange(5) if self.accessors else rng.choice([0, 3, 4])
        self.emit(f"static NTSTATUS {hname}(PIRP Irp, PIO_STACK_LOCATION IrpSp)\n{{")
        self.emit(f"    {name} Request;\n    NTSTATUS Status = STATUS_SUCCESS;")
        value = rng.choice([f for _, f in fields])
        if method == 0:   # METHOD_BUFFERED: the I/O manager copied it
            self.emit("    ULONG InLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;")
            self.emit(f"    if (InLength < sizeof({name})) {{\n        return STATUS_BUFFER_TOO_SMALL;\n    }}")
            self.emit(f"    RtlCopyMemory(&Request, Irp->AssociatedIrp.SystemBuffer, sizeof({name}));")
        elif method == 1:  # METHOD_NEITHER with the accessors
            self.emit(f"    P{name} User = (P{name})IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;")
            self.emit("    __try {")
            self.emit(f"        ReadStructFromUserAligned(&Request, User, TYPE_ALIGNMENT({name}));")
            self.emit("    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }")
        elif method == 2:  # a hand-written size: UM2003
            self.emit(f"    P{name} User = (P{name})IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;")
            self.emit("    __try {")
            self.emit(f"        CopyFromUserAligned(&Request, User, sizeof({name}), TYPE_ALIGNMENT({name}));")
            self.emit("    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }")
        elif method == 3:  # probe and copy by hand
            self.emit(f"    P{name} User = (P{name})IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;")
            self.emit("    __try {")
            self.emit(f"        ProbeForRead(User, sizeof({name}), TYPE_ALIGNMENT({name}));")
            self.emit("        RtlCopyMemory(&Request, User, sizeof(Request));")
            self.emit("    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }")
        else:              # a direct read of a user field
            self.emit(f"    P{name} User = (P{name})IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;")
            self.emit("    RtlZeroMemory(&Request, sizeof(Request));")
            self.emit("    __try {")
            self.emit(f"        ProbeForRead(User, sizeof({name}), TYPE_ALIGNMENT({name}));")
            self.emit(f"        Request.Size = User->Size;")
            self.emit("    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }")
        self.emit(f"    if (Request.Size != sizeof({name})) {{\n        return STATUS_INVALID_PARAMETER;\n    }}")
        self.emit(f"    for (ULONG i = 0; i < sizeof(Request.Payload) && i < {rng.randint(4, 64)}; i++) {{")
        self.emit(f"        Request.Payload[i] ^= (UCHAR)(Request.{value} + i);\n    }}")
        self.emit("    Irp->IoStatus.Information = 0;")
        self.emit(f"    KdPrint((\"{hname}: flags %lx\\n\", Request.Flags));")
        self.emit("    return Status;\n}\n")
        self.handlers.append(hname)

    def dispatcher(self):
        n = self.n
        for i, h in enumerate(self.handlers):
            self.emit(f"#define IOCTL_{n}_{i} CTL_CODE(DEVICE_TYPE_{n}, 0x{0x800 + i:X}, METHOD_NEITHER, FILE_ANY_ACCESS)")
        self.emit("")
        self.emit(f"NTSTATUS DispatchDeviceControl_{n}(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{{")
        self.emit("    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);\n    NTSTATUS Status;")
        self.emit("    UNREFERENCED_PARAMETER(DeviceObject);")
        self.emit("    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {")
        for i, h in enumerate(self.handlers):
            self.emit(f"    case IOCTL_{n}_{i}:\n        Status = {h}(Irp, IrpSp);\n        break;")
        self.emit("    default:\n        Status = STATUS_INVALID_DEVICE_REQUEST;\n        break;\n    }")
        self.emit("    Irp->IoStatus.Status = Status;\n    IoCompleteRequest(Irp, IO_NO_INCREMENT);")
        self.emit("    return Status;\n}")

    def generate(self):
        self.prologue()
        for _ in range(self.rng.randint(2, 4)):
            self.struct()
        while len(self.out) < self.lines_wanted - 20 - 4 * len(self.handlers):
            r = self.rng.random()
            if r < 0.08:
                self.struct()
            elif r < 0.45:
                self.helper()
            else:
                self.handler()
        if not self.handlers:
            self.handler()
        self.dispatcher()
        return "\n".join(self.out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--heavy-lines", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "src"), exist_ok=True)
    if args.heavy_lines:
        os.makedirs(os.path.join(args.out, "sys"), exist_ok=True)
        with open(os.path.join(args.out, "sys", "heavy_wdk.h"), "w") as fh:
            fh.write(heavy_header(args.heavy_lines, rng))
    for n in range(args.files):
        lines = int(rng.triangular(200, 2000, 700))
        text = Driver(rng, n, lines, bool(args.heavy_lines)).generate()
        with open(os.path.join(args.out, "src", f"driver{n:05}.c"), "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
