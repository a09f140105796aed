import { registerDecorator } from 'class-validator';
import { containsPersonalData } from './personal-data';

/**
 * class-validator: a text shown publicly (a citizen's display name) holds no identity number, phone
 * number or e-mail address (constraint `noPersonalData`): people often type their address or phone
 * into the name field, and a name is published unmasked beside every remark.
 */
export function NoPersonalData(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noPersonalData',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: { validate: (value: unknown) => typeof value !== 'string' || !containsPersonalData(value) },
    });
}
