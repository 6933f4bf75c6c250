import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-cache';

class Address {
  @IsString()
  @MaxLength(10)
  compound!: string;
}

class Registration {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

const registration = (name: unknown, compound: unknown) => Object.assign(new Registration(), { name, address: Object.assign(new Address(), { compound }) });
const failures = (value: object) =>
  validateSync(value, { whitelist: true, forbidNonWhitelisted: true }).map((error) => ({
    property: error.property,
    constraints: error.constraints,
    children: error.children?.map((child) => ({ property: child.property, constraints: child.constraints })),
  }));

describe('remembering which validation rules apply to a class', () => {
  beforeAll(() => memoizeValidationMetadata());

  it('gives the answers class-validator gives, request after request', () => {
    expect(failures(registration('欧阳秀英', '广瑞一村东区'))).toEqual([]);
    const wrong = failures(registration(42, 'a compound name far too long'));
    expect(wrong).toEqual([
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'address',
        constraints: undefined,
        children: [{ property: 'compound', constraints: { maxLength: 'compound must be shorter than or equal to 10 characters' } }],
      },
    ]);
    expect(failures(registration(42, 'a compound name far too long'))).toEqual(wrong);
  });

  it('applies the rules of a class declared after the first validations, and of its subclass', () => {
    expect(failures(registration('a', 'b'))).toEqual([]);
    class Household {
      @IsInt()
      @Min(1)
      size!: number;
    }
    class Family extends Household {
      @IsString()
      head!: string;
    }
    expect(failures(Object.assign(new Household(), { size: 0 }))).toEqual([{ property: 'size', constraints: { min: 'size must not be less than 1' }, children: [] }]);
    expect(failures(Object.assign(new Family(), { size: 2, head: 7 }))).toEqual([
      { property: 'head', constraints: { isString: 'head must be a string' }, children: [] },
    ]);
  });
});
